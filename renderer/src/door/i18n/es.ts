// The door app's words in Spanish.
import { SHARED_WORDS } from '../../shared/i18n/locales';
import { pairProblemText } from '../../shared/i18n/pairing-words';
import type { Messages } from './en';

const words = SHARED_WORDS.es;

export const es: Messages = {
  title: 'Puerta',
  pair: {
    heading: 'Vincular esta puerta',
    body: 'En la aplicación de gestión, abre Dispositivos → Emparejar un dispositivo, elige Puerta y escribe aquí el código de 6 cifras (o escanea su código QR con este teléfono). Solo hace falta una vez.',
    codeLabel: 'Código de emparejamiento',
    submitCode: 'Vincular puerta',
    tokenHeading: 'O pega un token de puerta',
    label: 'Token de puerta',
    submit: 'Vincular con el token',
    problem: (problem) => pairProblemText('es', 'door', problem, 'En la aplicación de gestión, crea un código para una puerta.'),
  },
  scan: {
    codeLabel: 'Código de entrada',
    codeHint: 'Escanea una entrada, o escribe su código y pulsa Intro.',
    submit: 'Validar',
    cameraStart: 'Usar cámara',
    cameraStop: 'Apagar cámara',
    cameraUnavailable: 'No hay cámara: usa un lector o escribe el código.',
    cameraAim: 'Encuadra el código QR',
  },
  count: {
    label: 'Han entrado',
    figures: (checkedIn, booked) => `${checkedIn} / ${booked}`,
    noShow: 'Hoy no hay funciones',
    doorsClosed: (when) => `Puertas aún cerradas · ${when}`,
  },
  today: {
    heading: 'Hoy, por sala',
    doorsOpen: 'Puertas abiertas',
    cancelled: 'Cancelada',
    figuresLabel: (checkedIn, booked) => `Han entrado ${checkedIn} de ${booked}`,
  },
  ok: {
    heading: 'Adelante',
    show: (title, when) => `${title} · ${when}`,
    todo: 'Deja pasar a la persona.',
    party: (seats, items) => `${seats} ${seats === 1 ? 'persona' : 'personas'}${items.length > 0 ? `: ${items.join(', ')}` : ''}`,
    alreadyIn: (before, seats) => `Ya habían entrado ${before} de ${seats}`,
    offline: 'Sin conexión: admitida con la lista de esta puerta; se enviará cuando responda la taquilla.',
  },
  refused: {
    heading: 'No puede entrar',
    todo: 'No dejes pasar a la persona.',
    cancelledHeading: 'Anulada',
    cancelled: words.ticketCancelled.at,
    cancelledUnknown: words.ticketCancelled.unknown,
    screeningCancelled: words.screeningCancelled,
    already: (at, by) => `Ya entró a las ${at} por ${by}.`,
    partyIn: (seats, at, by) => `Ya han entrado las ${seats}, la última a las ${at} por ${by}.`,
    alreadyHere: (seats) => (seats === 1 ? 'Ya entró por esta puerta.' : `Ya entraron las ${seats} por esta puerta.`),
    wrongEntrance: (screen, notes) => `Esta entrada es para ${screen}${notes ? ` — ${notes}` : ''}.`,
    notPaid: (amount) => `Sin pagar: ${amount} — a la taquilla.`,
    released: 'Liberada: no se pagó a tiempo. Las butacas volvieron a la venta — a la taquilla.',
    notInSnapshot: (since) => `Sin conexión, y este código no está en la lista de esta puerta${since ? ` (leída a las ${since}: una entrada vendida después no se puede comprobar)` : ''}. Llama a la taquilla.`,
    unknown: 'Entrada desconocida: ninguna entrada tiene este código.',
    notOpen: (opensAt) => `Demasiado pronto: las puertas de esta función abren a las ${opensAt}.`,
    closed: 'Esta entrada es de una función que ya ha terminado.',
    invalid: 'No es un código de entrada de Marquee. Escanea de nuevo o revisa el código.',
    offline: 'No se puede contactar con la taquilla. Inténtalo en un momento.',
    forbidden: 'Este dispositivo no puede validar entradas. Vincúlalo con un token de puerta.',
    error: 'Algo ha ido mal. Inténtalo de nuevo.',
  },
  byName: {
    heading: '¿Sin código? Buscar por nombre',
    label: 'Nombre',
    noList: 'La lista de esta puerta aún no se ha cargado.',
    none: 'Hoy no hay ninguna reserva con ese nombre en esta puerta.',
    party: (seats, admitted) => `${seats} ${seats === 1 ? 'persona' : 'personas'}${admitted > 0 ? `, ${admitted} dentro` : ''}`,
    admit: 'Dejar pasar',
  },
  offline: {
    banner: (pending) => `Sin conexión: se admite con la lista de esta puerta${pending > 0 ? ` · ${pending} por enviar` : ''}`,
    snapshot: (at, tickets) => (at === null ? 'Aún no hay lista sin conexión' : `Lista sin conexión: ${tickets} entradas, leída a las ${at}`),
    synced: (pending) => `${pending} ${pending === 1 ? 'entrada admitida' : 'entradas admitidas'} sin conexión por enviar`,
  },
  next: 'Siguiente',
  verdictReset: { label: 'Quitar la respuesta', off: 'Solo con Siguiente', after: (seconds) => `A los ${seconds} segundos` },
  unpair: 'Desvincular',
};
