// The kiosk's outage note: the shared banner, driven by the kiosk's state and words.
import { Banner } from '../../shared/components/Banner';
import { useKiosk, useMessages } from '../store/context';

export function OutageBanner() {
  const m = useMessages();
  const outage = useKiosk((s) => s.outage);
  return <Banner show={outage} title={m.outage.title} body={m.outage.body} />;
}
