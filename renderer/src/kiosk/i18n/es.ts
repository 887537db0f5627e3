// Every Spanish sentence the kiosk shows; the Messages type keeps it in step with en.ts.
import { SHARED_WORDS } from '../../shared/i18n/locales';
import { pairProblemText } from '../../shared/i18n/pairing-words';
import { PHONE_DIGITS_MAX, PHONE_DIGITS_MIN } from '../../shared/lib/validation';
import type { PairProblem } from '../../shared/lib/pairing-code';
import type { Messages } from './en';

const words = SHARED_WORDS.es;

export const es: Messages = {
  localeTag: words.localeTag,
  languageToggle: words.languageToggle,
  appName: words.appName,
  theatreName: 'Taquilla',

  start: {
    heading: 'Elige una función',
    subheading: 'Toca una función para sacar tu entrada',
    loading: 'Cargando funciones…',
    none: 'Por ahora no hay más funciones. Pregunta en el mostrador, por favor.',
    myTicket: 'Mi entrada',
    myTicketHint: 'Consultar, cambiar o anular',
    moreBelow: 'Más funciones abajo',
    otherShows: 'Otras funciones',
  },
  day: words.day,
  show: {
    untitled: words.untitled,
    seatsLeft: (n: number) => (n === 1 ? 'Queda 1 asiento' : `Quedan ${n} asientos`),
    soldOut: 'Agotado',
    startsIn: (minutes: number) => (minutes <= 1 ? 'Empieza en un minuto' : `Empieza en ${minutes} min`),
    started: (minutes: number) => (minutes <= 1 ? 'Acaba de empezar' : `Empezó hace ${minutes} min`),
    cardLabel: (title: string, when: string, seats: string) => `${title}, ${when}, ${seats}`,
    rated: (rating: string) => `Calificación ${rating}`,
    runtime: (runtime: string) => `Duración ${runtime}`,
  },
  nav: {
    back: 'Atrás',
    next: 'Siguiente',
    startOver: 'Volver al inicio',
    done: 'Listo',
  },
  steps: {
    of: (step: number, total: number) => `Paso ${step} de ${total}`,
  },
  name: {
    heading: '¿Cómo te llamas?',
    hint: 'Aparecerá en tu entrada.',
    label: 'Tu nombre',
    limitReached: (max: number) => `Has llegado al límite: un nombre puede tener ${max} letras.`,
  },
  phone: {
    heading: 'Tu número de teléfono',
    hint: 'Solo lo usamos para volver a encontrar tu entrada.',
    label: 'Número de teléfono',
    limitReached: (max: number) => `Un teléfono tiene ${max} cifras como máximo.`,
  },
  field: {
    count: (count: number, max: number) => `${count} / ${max}`,
  },
  review: {
    heading: 'Revisa tu reserva',
    show: 'Función',
    name: 'Nombre',
    phone: 'Teléfono',
    screen: 'Sala',
    editName: 'Cambiar el nombre',
    editPhone: 'Cambiar el teléfono',
    editShow: 'Cambiar la función',
    confirm: 'Confirmar reserva',
  },
  ticket: {
    heading: '¡Disfruta de la película!',
    number: 'Número de entrada',
    show: 'Función',
    name: 'Nombre',
    screen: 'Sala',
    code: 'Código de la entrada',
    qrAlt: (ticketId: number) => `Código QR de la entrada número ${ticketId}`,
    hint: 'Muestra este código QR en la puerta. Guarda el código de la entrada: con él la consultas, la cambias o la anulas.',
    print: 'Imprimir entrada',
    printFailed: 'No se pudo imprimir la entrada. Apunta el código de tu entrada, por favor.',
    moved: 'Tu entrada se ha cambiado.',
  },
  lookup: {
    heading: 'Consulta tu entrada',
    hint: 'Escribe el código impreso en tu entrada, por ejemplo K7QM-4XWP-9TX8.',
    codeLabel: 'Código de la entrada',
    submit: 'Consultar mi entrada',
    notFound: 'No encontramos ninguna entrada con ese código. Revísalo, por favor.',
    cancelled: words.ticketCancelled.at,
    cancelledUnknown: words.ticketCancelled.unknown,
    cancelledHelp: 'Si no la anulaste tú, pregunta en el mostrador, por favor.',
    screeningCancelled: words.screeningCancelled,
    screeningCancelledHelp: 'Lo sentimos. Pregunta en el mostrador o reserva otra función, por favor.',
  },
  myTicket: {
    heading: 'Tu entrada',
    change: 'Cambiar la hora',
    cancel: 'Anular entrada',
    expired: 'Esta función ya terminó.',
    usedAtDoor: (when: string | null) =>
      `Esta entrada ya se usó en la puerta${when ? ` (${when})` : ''}, así que ya no se puede cambiar ni anular.`,
  },
  change: {
    heading: 'Elige otra hora',
    current: 'Tu entrada ahora',
    none: 'Ahora mismo no hay otra función con asientos libres.',
    confirmTitle: '¿Cambiar tu entrada?',
    confirmBody: (when: string) => `Tu entrada será para ${when}.`,
    confirmYes: 'Sí, cambiar mi entrada',
    confirmNo: 'No, dejarla así',
  },
  cancel: {
    confirmTitle: (ticketId: number) => `¿Anular la entrada ${ticketId}?`,
    confirmBody: 'Tu asiento quedará libre. No se puede deshacer.',
    confirmYes: 'Sí, anular entrada',
    confirmNo: 'No, conservar mi entrada',
    doneHeading: 'Tu entrada ha sido anulada',
    doneBody: 'Esperamos verte en otra ocasión.',
  },
  errors: {
    userName: {
      empty: 'Escribe tu nombre, por favor.',
      tooLong: (max: number) => `Es demasiado largo. Usa como máximo ${max} letras.`,
      invalid: 'Usa solo letras, espacios y guiones.',
    },
    phoneNo: {
      empty: 'Escribe tu número de teléfono, por favor.',
      invalid: `Escribe un teléfono de ${PHONE_DIGITS_MIN} a ${PHONE_DIGITS_MAX} cifras.`,
    },
    ticketId: {
      empty: 'Escribe tu número de entrada, por favor.',
      invalid: 'El número de entrada solo lleva cifras, por ejemplo 42.',
    },
    ticketCode: {
      empty: 'Escribe el código de tu entrada, por favor.',
      invalid: 'Eso no es un código de entrada. Tiene 12 letras y cifras, por ejemplo K7QM-4XWP-9TX8.',
    },
  },
  notices: {
    housefull: 'Lo sentimos, esa función se acaba de agotar.',
    expired: 'Lo sentimos, esa función ya no se puede reservar.',
    suggestion: (when: string) => `La próxima función con asientos libres es ${when}.`,
    takeSuggestion: 'Reservar esa función',
    pickAnother: 'Elegir otra función',
    noSuggestion: 'Elige otra función, por favor.',
    reconnected: 'Ya hay conexión de nuevo. Toca el botón otra vez, por favor.',
    error: 'Algo ha fallado. Inténtalo de nuevo, por favor.',
    rateLimited: 'Demasiados intentos. Espera un momento y vuelve a intentarlo.',
  },
  outage: {
    title: 'Reconectando con la taquilla…',
    body: 'Todo lo que has escrito está a salvo. Suele resolverse solo en menos de un minuto.',
  },
  busy: 'Un momento…',
  tools: {
    label: 'Pantalla',
    largeText: 'Letra grande',
    highContrast: 'Contraste',
  },
  idle: {
    title: '¿Sigues ahí?',
    body: (seconds: number) => (seconds === 1 ? 'Volvemos al inicio en 1 segundo.' : `Volvemos al inicio en ${seconds} segundos.`),
    stay: 'Sigo aquí',
    moreTime: 'Necesito más tiempo',
    moreTimeGiven: (seconds: number) => `Más tiempo concedido: el quiosco espera ahora ${seconds} segundos sin que toques la pantalla antes de volver al inicio.`,
    wentBack: 'Nadie tocó la pantalla durante un rato, así que el quiosco volvió al inicio y borró lo escrito.',
  },
  keyboard: {
    label: 'Teclado en pantalla',
    keypadLabel: 'Teclado numérico',
    space: 'Espacio',
    backspace: 'Borrar el último carácter',
    clear: 'Borrar todo',
    accents: 'Letras con acento',
  },
  pair: {
    heading: 'Emparejar este quiosco',
    body: 'En la aplicación de gestión, abre Dispositivos → Emparejar un dispositivo, elige Quiosco y escribe aquí el código de 6 cifras (o escanea su código QR con este equipo). Solo hace falta una vez.',
    codeLabel: 'Código de emparejamiento',
    submitCode: 'Emparejar con el código',
    tokenHeading: 'O, con un teclado: un token de quiosco',
    label: 'Token del quiosco',
    submit: 'Emparejar quiosco',
    problem: (problem: PairProblem) => pairProblemText('es', 'kiosk', problem, 'En la aplicación de gestión, crea un código para un quiosco.'),
  },
};
