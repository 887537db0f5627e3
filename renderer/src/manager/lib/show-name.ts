// What a show is called on the manager's screens: its own title when it has one (an event, a
// special), else its film's title.
import type { Show } from '../../../../main/common/schemas';

export const showName = (show: Pick<Show, 'title' | 'filmTitle'>, untitled: string): string => show.title ?? show.filmTitle ?? untitled;
