// The quantity step, after the show: one stepper per ticket type the show sells, at its price
// there, with the running total. A guest alone finds one seat already chosen and taps Next.
// Accessible types (wheelchair spaces) come first, marked with the symbol of access and words.
import type { ShowTicketType } from '../../../../main/common/schemas';
import { SelectedShowSummary } from '../components/ShowSummary';
import { Stepper } from '../components/Stepper';
import { useMoney } from '../hooks/useMoney';
import type { Messages } from '../i18n';
import { addLimit, kioskOrder, partySize, partyTotal, type AddLimit, type Counts, type ShowTypes } from '../lib/party';
import { ScreenLayout } from '../components/ScreenLayout';
import { useActions, useKiosk, useMessages } from '../store/context';
import { BackButton, NextButton } from './buttons';

function limitText(m: Messages, limit: AddLimit, type: ShowTicketType, show: ShowTypes, seatsLeft: number): string {
  switch (limit) {
    case 'soldOut':
      return m.party.soldOut;
    case 'atCounter':
      return m.party.atCounter;
    case 'typeLimit':
      return m.party.typeLimit(type.left ?? 0);
    case 'seatsLimit':
      return m.party.seatsLimit(seatsLeft);
    case 'partyLimit':
      return m.party.partyLimit(show.maxParty);
  }
}

function Steppers({ show, counts, seatsLeft }: { show: ShowTypes; counts: Counts; seatsLeft: number }) {
  const m = useMessages();
  const money = useMoney();
  const { stepParty } = useActions();
  const size = partySize(counts);
  return (
    <div className="steppers">
      {kioskOrder(show.ticketTypes).map((type) => {
        const count = counts[type.ticketTypeId] ?? 0;
        const limit = addLimit(type, show, seatsLeft, counts);
        // The party's own limits are said once the guest has chosen someone: before, "+" is simply on.
        const whole = limit === 'soldOut' || limit === 'atCounter';
        const why = limit === null ? null : whole || size > 0 ? limitText(m, limit, type, show, seatsLeft) : null;
        return (
          <Stepper
            key={type.ticketTypeId}
            name={type.name}
            detail={money(type.price, show.currency)}
            count={count}
            onStep={(delta) => stepParty(type.ticketTypeId, delta)}
            canAdd={limit === null}
            canRemove={count > 0}
            why={why}
            unavailable={whole}
            accessible={type.accessible}
          />
        );
      })}
    </div>
  );
}

export function PartyScreen() {
  const m = useMessages();
  const money = useMoney();
  const show = useKiosk((s) => s.showTypes);
  const counts = useKiosk((s) => s.counts);
  const selected = useKiosk((s) => s.selectedShow);
  // Live seats: the seat stream may have taken some since the types were read.
  const liveSeats = useKiosk((s) => s.shows.find((x) => x.showId === s.selectedShow?.showId)?.seatsLeft ?? null);
  const { submitParty, goTo } = useActions();
  const ready = show !== null && show.showId === selected?.showId;
  const seatsLeft = ready ? Math.min(show.seatsLeft, liveSeats ?? show.seatsLeft) : 0;
  return (
    <ScreenLayout
      name="party"
      title={m.party.heading}
      subtitle={m.party.hint}
      step={1}
      controls={ready ? <Steppers show={show} counts={counts} seatsLeft={seatsLeft} /> : null}
      footer={
        <>
          <BackButton onClick={() => goTo('start')} />
          <NextButton label={m.nav.next} onClick={submitParty} />
        </>
      }
    >
      <SelectedShowSummary />
      {!ready ? (
        <p className="empty">{m.party.loading}</p>
      ) : (
        <>
          <p className="party-total" data-testid="party-total">
            <span>
              {m.party.total} · {m.party.seats(partySize(counts))}
            </span>
            <strong>{money(partyTotal(show.ticketTypes, counts), show.currency)}</strong>
          </p>
        </>
      )}
    </ScreenLayout>
  );
}
