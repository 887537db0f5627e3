// "Give back some seats" of a looked-up party: a stepper per kind of ticket on it, from none
// up to what the ticket holds. Giving back every seat is cancelling, and the dialog says so.
import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { ScreenLayout } from '../components/ScreenLayout';
import { Stepper } from '../components/Stepper';
import { partySize } from '../lib/party';
import { useActions, useKiosk, useMessages } from '../store/context';
import { BackButton, NextButton } from './buttons';

export function GiveBackScreen() {
  const m = useMessages();
  const ticket = useKiosk((s) => s.guestTicket);
  const giveBack = useKiosk((s) => s.giveBack);
  const confirming = useKiosk((s) => s.confirmation?.kind === 'giveBack');
  const { stepGiveBack, askGiveBack, confirmGiveBack, closeConfirmation, goTo } = useActions();
  if (ticket === null) return null;
  const chosen = partySize(giveBack);
  return (
    <ScreenLayout
      name="giveBack"
      title={m.giveBack.heading}
      subtitle={m.giveBack.hint}
      controls={
        <div className="steppers">
          {ticket.items.map((item) => {
            const count = giveBack[item.ticketTypeId] ?? 0;
            return (
              <Stepper
                key={item.ticketTypeId}
                name={item.name}
                detail={m.giveBack.of(item.count)}
                count={count}
                onStep={(delta) => stepGiveBack(item.ticketTypeId, delta)}
                canAdd={count < item.count}
                canRemove={count > 0}
                why={null}
              />
            );
          })}
        </div>
      }
      footer={
        <>
          <BackButton onClick={() => goTo('myTicket')} />
          {chosen > 0 && <NextButton label={m.giveBack.submit} onClick={askGiveBack} />}
        </>
      }
    >
      {confirming && (
        <ConfirmDialog
          title={m.giveBack.confirmTitle(chosen)}
          body={m.giveBack.confirmBody(ticket.seats - chosen)}
          yes={m.giveBack.confirmYes}
          no={m.giveBack.confirmNo}
          danger
          onYes={() => void confirmGiveBack()}
          onNo={closeConfirmation}
        />
      )}
    </ScreenLayout>
  );
}
