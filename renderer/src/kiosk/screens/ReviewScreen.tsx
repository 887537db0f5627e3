import { DetailList } from '../../shared/components/DetailList';
import { showTitle } from '../components/NoticeBox';
import { ScreenLayout } from '../components/ScreenLayout';
import { useWhen } from '../hooks/useWhen';
import { useActions, useKiosk, useMessages } from '../store/context';
import type { Screen } from '../store/kiosk-store';
import { BackButton, NextButton } from './buttons';

export function ReviewScreen() {
  const m = useMessages();
  const when = useWhen();
  const show = useKiosk((s) => s.selectedShow);
  const userName = useKiosk((s) => s.inputs.userName);
  const phoneNo = useKiosk((s) => s.inputs.phoneNo);
  const { confirmBooking, goTo } = useActions();
  const edit = (screen: Screen, label: string) => (
    <button type="button" className="button button-ghost button-small" aria-label={label} onClick={() => goTo(screen)}>
      {m.review.edit}
    </button>
  );

  return (
    <ScreenLayout
      name="review"
      title={m.review.heading}
      step={3}
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
            action: edit('start', m.review.editShow),
          },
          { label: m.review.screen, value: show?.screenName ?? '—' },
          { label: m.review.name, value: userName, action: edit('name', m.review.editName) },
          { label: m.review.phone, value: phoneNo, action: edit('phone', m.review.editPhone) },
        ]}
      />
    </ScreenLayout>
  );
}
