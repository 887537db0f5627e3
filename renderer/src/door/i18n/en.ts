// The door app's words in English. Functions take facts already formatted for the locale.
export interface Messages {
  title: string;
  pair: {
    heading: string;
    body: string;
    label: string;
    submit: string;
    problems: { empty: string; rejected: string; wrongRole: string; offline: string };
  };
  scan: {
    codeLabel: string;
    codeHint: string;
    submit: string;
    cameraStart: string;
    cameraStop: string;
    cameraUnavailable: string;
    cameraAim: string;
  };
  count: {
    label: string;
    /** "12 / 80 in" */
    figures(checkedIn: number, booked: number): string;
    noShow: string;
    doorsClosed(when: string): string;
  };
  ok: { heading: string; show(title: string, when: string): string };
  refused: {
    heading: string;
    already(at: string, by: string): string;
    unknown: string;
    notOpen(opensAt: string): string;
    closed: string;
    invalid: string;
    offline: string;
    forbidden: string;
    error: string;
  };
  next: string;
  unpair: string;
}

export const en: Messages = {
  title: 'Door',
  pair: {
    heading: 'Pair this door',
    body: 'Type or paste a door token from the manager app (Devices → New token, role "door").',
    label: 'Door token',
    submit: 'Pair door',
    problems: {
      empty: 'Enter the door token.',
      rejected: 'The box office did not accept this token. Check it, or ask for a new one.',
      wrongRole: 'This is not a door token. Ask the manager for a token with the role "door".',
      offline: 'The box office cannot be reached. Check the Wi-Fi and try again.',
    },
  },
  scan: {
    codeLabel: 'Ticket code',
    codeHint: 'Scan a ticket, or type its code and press Enter.',
    submit: 'Check in',
    cameraStart: 'Use camera',
    cameraStop: 'Stop camera',
    cameraUnavailable: 'No camera here: use a scanner or type the code.',
    cameraAim: 'Hold the QR code in the frame',
  },
  count: {
    label: 'Checked in',
    figures: (checkedIn, booked) => `${checkedIn} / ${booked}`,
    noShow: 'No show today',
    doorsClosed: (when) => `Doors not open yet · ${when}`,
  },
  ok: { heading: 'Welcome', show: (title, when) => `${title} · ${when}` },
  refused: {
    heading: 'Not admitted',
    already: (at, by) => `Already checked in at ${at} by ${by}.`,
    unknown: 'Unknown ticket: no ticket has this code.',
    notOpen: (opensAt) => `Too early: doors for this show open at ${opensAt}.`,
    closed: 'This ticket is for a show that has ended.',
    invalid: 'Not a Marquee ticket code. Scan again or check the code.',
    offline: 'The box office cannot be reached. Try again in a moment.',
    forbidden: 'This device may not check tickets in. Pair it with a door token.',
    error: 'Something went wrong. Try again.',
  },
  next: 'Next guest',
  unpair: 'Unpair',
};
