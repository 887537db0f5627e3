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
    <button type="button" className="button button-secondary" onClick={() => goTo(screen)}>
      {label}
    </button>
  );

  return (
    <ScreenLayout
      name="review"
      title={m.review.heading}
      step={3}
      controls={
        <div className="choice-row choice-row-3">
          {edit('start', m.review.editShow)}
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
          { label: m.review.name, value: userName },
          { label: m.review.phone, value: phoneNo },
        ]}
      />
    </ScreenLayout>
  );
}
