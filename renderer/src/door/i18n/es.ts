// The door app's words in Spanish.
import type { Messages } from './en';

export const es: Messages = {
  title: 'Puerta',
  pair: {
    heading: 'Vincular esta puerta',
    body: 'Escribe o pega un token de puerta de la aplicación de gestión (Dispositivos → Nuevo token, rol "door").',
    label: 'Token de puerta',
    submit: 'Vincular puerta',
    problems: {
      empty: 'Escribe el token de puerta.',
      rejected: 'La taquilla no ha aceptado este token. Revísalo o pide uno nuevo.',
      wrongRole: 'Este no es un token de puerta. Pide al gerente un token con el rol "door".',
      offline: 'No se puede contactar con la taquilla. Revisa la wifi e inténtalo de nuevo.',
    },
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
  ok: { heading: 'Adelante', show: (title, when) => `${title} · ${when}` },
  refused: {
    heading: 'No puede entrar',
    already: (at, by) => `Ya entró a las ${at} por ${by}.`,
    unknown: 'Entrada desconocida: ninguna entrada tiene este código.',
    notOpen: (opensAt) => `Demasiado pronto: las puertas de esta función abren a las ${opensAt}.`,
    closed: 'Esta entrada es de una función que ya ha terminado.',
    invalid: 'No es un código de entrada de Marquee. Escanea de nuevo o revisa el código.',
    offline: 'No se puede contactar con la taquilla. Inténtalo en un momento.',
    forbidden: 'Este dispositivo no puede validar entradas. Vincúlalo con un token de puerta.',
    error: 'Algo ha ido mal. Inténtalo de nuevo.',
  },
  next: 'Siguiente',
  unpair: 'Desvincular',
};
