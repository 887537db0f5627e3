// The International Symbol of Access (ISO 7001): a figure in a wheelchair, white on blue. It
// always stands beside words (the stepper's "Wheelchair space"), so it is hidden from screen
// readers and its meaning never rests on the picture or its colour alone.
export function AccessSymbol() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false" className="access-symbol" data-symbol="international-symbol-of-access">
      <rect width="32" height="32" rx="5" fill="#1a4d99" />
      <g fill="none" stroke="#ffffff" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round">
        {/* The seat and the leg to the footrest. */}
        <path d="M13 10.5 V18 H20 L23 24.5" />
        {/* The arm. */}
        <path d="M13 14 H19" />
        {/* The wheel, open where the body meets it. */}
        <path d="M9.6 14.4 A7 7 0 1 0 19.8 23" />
      </g>
      <circle cx="13" cy="6.5" r="2.4" fill="#ffffff" />
    </svg>
  );
}
