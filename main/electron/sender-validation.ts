// Who may call the bridge: only our window's top frame, showing our own origin. A subframe,
// another webContents or a page that got navigated elsewhere is refused.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { isAppUrl } from './app-origin';

export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export function isTrustedSender(event: SenderEvent, ourContents: WebContents): boolean {
  if (event.sender !== ourContents) return false;
  // null when the frame has navigated away or been destroyed since it sent the message.
  const frame = event.senderFrame;
  if (frame === null || frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url);
}
