// Every English sentence the kiosk shows. es.ts must provide the same keys (the type enforces it).
import { SHARED_WORDS } from '../../shared/i18n/locales';
import { pairProblemText } from '../../shared/i18n/pairing-words';
import { PHONE_DIGITS_MAX, PHONE_DIGITS_MIN } from '../../shared/lib/validation';
import type { PairProblem } from '../../shared/lib/pairing-code';

const words = SHARED_WORDS.en;

export const en = {
  localeTag: words.localeTag,
  languageToggle: words.languageToggle,
  appName: words.appName,
  theatreName: 'Box office',

  start: {
    heading: 'Pick a show',
    subheading: 'Tap a show to get your ticket',
    loading: 'Loading shows…',
    none: 'There are no more shows for now. Please ask at the counter.',
    myTicket: 'My ticket',
    myTicketHint: 'Look up, change or cancel',
    moreBelow: 'More shows below',
    otherShows: 'Other shows',
  },
  day: words.day,
  show: {
    untitled: words.untitled,
    seatsLeft: (n: number) => (n === 1 ? '1 seat left' : `${n} seats left`),
    soldOut: 'Sold out',
    startsIn: (minutes: number) => (minutes <= 1 ? 'Starts in a minute' : `Starts in ${minutes} min`),
    started: (minutes: number) => (minutes <= 1 ? 'Just started' : `Started ${minutes} min ago`),
    cardLabel: (title: string, when: string, seats: string) => `${title}, ${when}, ${seats}`,
    rated: (rating: string) => `Rated ${rating}`,
    runtime: (runtime: string) => `Runs ${runtime}`,
  },
  nav: {
    back: 'Back',
    next: 'Next',
    startOver: 'Start over',
    done: 'Done',
  },
  steps: {
    of: (step: number, total: number) => `Step ${step} of ${total}`,
  },
  party: {
    heading: 'How many tickets?',
    hint: 'Tap + or − for each kind of ticket.',
    loading: 'Loading the tickets and prices…',
    /** A price of 0: the seat costs nothing. */
    free: 'Free',
    total: 'Total',
    seats: (n: number) => (n === 1 ? '1 ticket' : `${n} tickets`),
    /** One kind of ticket in a party: "2 × Adult". */
    count: (count: number, name: string) => `${count} × ${name}`,
    add: (name: string) => `One more ${name}`,
    remove: (name: string) => `One fewer ${name}`,
    soldOut: 'Sold out for this show',
    /** Only spaces held for the box office are left of this kind (a wheelchair space kept back). */
    atCounter: 'Please ask at the counter',
    /** Beside the symbol of access on a wheelchair-space type. */
    accessible: 'Wheelchair space',
    typeLimit: (left: number) => (left === 1 ? 'Only 1 left for this show' : `Only ${left} left for this show`),
    seatsLimit: (left: number) => (left === 1 ? 'Only 1 seat left for this show' : `Only ${left} seats left for this show`),
    partyLimit: (max: number) => `At most ${max} tickets in one booking`,
    empty: 'Please add at least one ticket.',
    fewSeats: (left: number) => `${left === 1 ? 'Only 1 seat left' : `Only ${left} seats left`}. Please choose fewer tickets, or another show.`,
    quotaFull: (name: string, left: number) =>
      left === 0 ? `No ${name} tickets are left for this show. Please choose another kind.` : `Only ${left} ${name} left for this show. We changed your tickets to fit.`,
    typeGone: (name: string | null) => `${name ? `${name} tickets are` : 'That kind of ticket is'} no longer sold. Please check your tickets.`,
    askAtCounter: (name: string) => `The last ${name} places for this show are sold at the counter. Please ask at the counter, or choose another kind.`,
  },
  name: {
    heading: 'What is your name?',
    hint: 'It goes on your ticket.',
    label: 'Your name',
    limitReached: (max: number) => `That is the limit: a name can have ${max} letters.`,
  },
  phone: {
    heading: 'Your phone number',
    hint: 'We only use it to find your ticket again.',
    label: 'Phone number',
    limitReached: (max: number) => `A phone number has ${max} digits at most.`,
  },
  field: {
    count: (count: number, max: number) => `${count} / ${max}`,
  },
  review: {
    heading: 'Check your booking',
    show: 'Show',
    name: 'Name',
    phone: 'Phone',
    screen: 'Screen',
    editName: 'Change name',
    editPhone: 'Change phone',
    editShow: 'Change show',
    party: 'Tickets',
    editParty: 'Change tickets',
    total: 'Total',
    confirm: 'Confirm booking',
  },
  ticket: {
    heading: 'Enjoy the show!',
    number: 'Ticket number',
    show: 'Show',
    name: 'Name',
    screen: 'Screen',
    code: 'Ticket code',
    qrAlt: (ticketId: number) => `QR code of ticket number ${ticketId}`,
    hint: 'Show this QR code at the door. Keep the ticket code: it is how you look up, change or cancel your ticket.',
    print: 'Print ticket',
    printFailed: 'The ticket could not be printed. Please note your ticket code.',
    moved: 'Your ticket has been moved.',
    party: 'Tickets',
    total: 'Total',
    /** After the total while it is unpaid: the kiosk takes no payments. */
    toPay: 'to pay at the counter',
  },
  lookup: {
    heading: 'Look up your ticket',
    hint: 'Enter the ticket code printed on your ticket, like K7QM-4XWP-9TX8.',
    codeLabel: 'Ticket code',
    submit: 'Look up my ticket',
    notFound: 'We could not find a ticket with that code. Please check it.',
    /** `day` is null for today. */
    cancelled: words.ticketCancelled.at,
    cancelledUnknown: words.ticketCancelled.unknown,
    cancelledHelp: 'If you did not cancel it, please ask at the counter.',
    screeningCancelled: words.screeningCancelled,
    screeningCancelledHelp: 'We are sorry. Please ask at the counter, or book another show.',
  },
  myTicket: {
    heading: 'Your ticket',
    change: 'Change show time',
    cancel: 'Cancel ticket',
    giveBack: 'Give back some seats',
    expired: 'This show is over.',
    usedAtDoor: (when: string | null) =>
      `This ticket has been used at the door${when ? ` (${when})` : ''}, so it can no longer be changed or cancelled.`,
  },
  change: {
    heading: 'Pick a new show time',
    current: 'Your ticket now',
    none: 'There is no other show with free seats right now.',
    confirmTitle: 'Move your ticket?',
    confirmBody: (when: string) => `Your ticket will be for ${when}.`,
    confirmYes: 'Yes, move my ticket',
    confirmNo: 'No, keep it',
  },
  giveBack: {
    heading: 'Give back seats',
    hint: 'Choose the seats you no longer need. The others stay on your ticket.',
    of: (count: number) => `of ${count} on your ticket`,
    submit: 'Give back',
    confirmTitle: (n: number) => (n === 1 ? 'Give back 1 seat?' : `Give back ${n} seats?`),
    confirmBody: (left: number) =>
      left === 0 ? 'That is the whole ticket: it will be cancelled. This cannot be undone.' : `Your ticket will keep ${left === 1 ? '1 seat' : `${left} seats`}. This cannot be undone.`,
    confirmYes: 'Yes, give them back',
    confirmNo: 'No, keep them',
    done: (n: number) => (n === 1 ? '1 seat was given back. Here is your ticket now.' : `${n} seats were given back. Here is your ticket now.`),
  },
  cancel: {
    confirmTitle: (ticketId: number) => `Cancel ticket ${ticketId}?`,
    confirmBody: 'Your seat will be given back. This cannot be undone.',
    confirmYes: 'Yes, cancel ticket',
    confirmNo: 'No, keep my ticket',
    doneHeading: 'Your ticket was cancelled',
    doneBody: 'We hope to see you another time.',
  },
  errors: {
    userName: {
      empty: 'Please type your name.',
      tooLong: (max: number) => `That is too long. Please use at most ${max} letters.`,
      invalid: 'Please use only letters, spaces and dashes.',
    },
    phoneNo: {
      empty: 'Please enter your phone number.',
      invalid: `Please enter a phone number with ${PHONE_DIGITS_MIN} to ${PHONE_DIGITS_MAX} digits.`,
    },
    ticketId: {
      empty: 'Please enter your ticket number.',
      invalid: 'A ticket number has digits only, like 42.',
    },
    ticketCode: {
      empty: 'Please enter your ticket code.',
      invalid: 'That is not a ticket code. It has 12 letters and digits, like K7QM-4XWP-9TX8.',
    },
  },
  notices: {
    housefull: 'Sorry, that show just sold out.',
    expired: 'Sorry, that show can no longer be booked.',
    suggestion: (when: string) => `The next show with free seats is ${when}.`,
    takeSuggestion: 'Book that show instead',
    pickAnother: 'Pick another show',
    noSuggestion: 'Please pick another show.',
    reconnected: 'We are connected again. Please tap the button once more.',
    error: 'Something went wrong. Please try again.',
    rateLimited: 'Too many tries. Please wait a moment and try again.',
  },
  outage: {
    title: 'Reconnecting to the box office…',
    body: 'Everything you typed is safe. This usually fixes itself within a minute.',
  },
  busy: 'One moment…',
  /** The guest's own display choices, in the footer of every screen (reset with the session). */
  tools: {
    label: 'Display',
    largeText: 'Larger text',
    highContrast: 'Contrast',
  },
  idle: {
    title: 'Are you still there?',
    body: (seconds: number) => (seconds === 1 ? 'Going back to the start in 1 second.' : `Going back to the start in ${seconds} seconds.`),
    stay: "I'm still here",
    moreTime: 'I need more time',
    /** Spoken when the guest took "I need more time": the new quiet time before the return to the start. */
    moreTimeGiven: (seconds: number) => `More time given: the kiosk now waits ${seconds} seconds without a touch before going back to the start.`,
    /** Spoken on the start screen after an idle timeout. */
    wentBack: 'Nobody touched the screen for a while, so the kiosk went back to the start and cleared what was typed.',
  },
  keyboard: {
    label: 'On-screen keyboard',
    keypadLabel: 'Number keypad',
    space: 'Space',
    backspace: 'Delete last character',
    clear: 'Clear',
    /** The accent layer's toggle: pressed while the accented letters are on the keys. */
    accents: 'Accented letters',
  },
  pair: {
    heading: 'Pair this kiosk',
    body: 'On the manager app, open Devices → Pair a device, choose Kiosk, then type the 6-digit code here (or scan its QR code with this device). Needed only once.',
    codeLabel: 'Pairing code',
    submitCode: 'Pair with code',
    tokenHeading: 'Or, with a keyboard: a kiosk token',
    label: 'Kiosk token',
    submit: 'Pair kiosk',
    problem: (problem: PairProblem) => pairProblemText('en', 'kiosk', problem, 'On the manager app, make a pairing code for a kiosk.'),
  },
};

export type Messages = typeof en;
