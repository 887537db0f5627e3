import { DetailList } from '../../shared/components/DetailList';
import { showTitle } from '../components/NoticeBox';
import { ScreenLayout } from '../components/ScreenLayout';
import { useMoney, usePartyText } from '../hooks/useMoney';
import { useWhen } from '../hooks/useWhen';
import { partyItems, partyTotal } from '../lib/party';
import { useActions, useKiosk, useMessages } from '../store/context';
import type { Screen } from '../store/kiosk-store';
import { BackButton, NextButton } from './buttons';

export function ReviewScreen() {
  const m = useMessages();
  const when = useWhen();
  const show = useKiosk((s) => s.selectedShow);
  const userName = useKiosk((s) => s.inputs.userName);
  const phoneNo = useKiosk((s) => s.inputs.phoneNo);
  const showTypes = useKiosk((s) => s.showTypes);
  const counts = useKiosk((s) => s.counts);
  const money = useMoney();
  const partyText = usePartyText();
  const types = showTypes?.ticketTypes ?? [];
  const party = partyItems(types, counts).map((item) => ({ count: item.count, name: types.find((t) => t.ticketTypeId === item.ticketTypeId)!.name }));
  const total = partyTotal(types, counts);
  const { confirmBooking, goTo } = useActions();
  const edit = (screen: Screen, label: string) => (
    <button type="button" className="button button-secondary" onClick={() => goTo(screen)}>
      {label}
    </button>
  );

  return (
    <ScreenLayout
      name="review"
      title={m.review.heading}
      step={4}
      controls={
        <div className="choice-row choice-row-4">
          {edit('start', m.review.editShow)}
          {edit('party', m.review.editParty)}
          {edit('name', m.review.editName)}
          {edit('phone', m.review.editPhone)}
        </div>
      }
      footer={
        <>
          <BackButton onClick={() => goTo('phone')} />
          <NextButton label={m.review.confirm} onClick={() => void confirmBooking()} />
        </>
      }
    >
      <DetailList
        className="review"
        items={[
          {
            label: m.review.show,
            value: show ? `${showTitle(m, show.title)} · ${when(show.showTime)}` : '—',
          },
          { label: m.review.screen, value: show?.screenName ?? '—' },
          { label: m.review.party, value: partyText(party) },
          ...(showTypes !== null && total > 0 ? [{ label: m.review.total, value: `${money(total, showTypes.currency)} · ${m.ticket.toPay}` }] : []),
          { label: m.review.name, value: userName },
          { label: m.review.phone, value: phoneNo },
        ]}
      />
    </ScreenLayout>
  );
}
