// A minimal Server-Sent Events reader for fetch bodies: EventSource cannot send the
// Authorization header the listener requires.

export interface SseEvent {
  event: string;
  data: string;
}

/** Feeds text chunks in, calls `onEvent` for each complete event (per the SSE spec's field rules). */
export function createSseParser(onEvent: (event: SseEvent) => void): (chunk: string) => void {
  let buffer = '';
  let eventName = '';
  let dataLines: string[] = [];

  const dispatch = () => {
    if (dataLines.length > 0) onEvent({ event: eventName || 'message', data: dataLines.join('\n') });
    eventName = '';
    dataLines = [];
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') dataLines.push(value);
  };

  return (chunk) => {
    buffer += chunk;
    // A chunk may end inside a line, or between the \r and \n of one line break.
    const lines = buffer.split(/\r\n|\r(?!$)|\n/);
    buffer = lines.pop() ?? '';
    for (const l of lines) line(l.endsWith('\r') ? l.slice(0, -1) : l);
  };
}
