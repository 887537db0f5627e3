// Booked against capacity as a picture (a filled bar, coloured by how full), with the numbers beside it.
import { useManagerMessages } from '../store/context';

export type FillLevel = 'low' | 'mid' | 'high' | 'full';

export function fillLevel(booked: number, capacity: number): FillLevel {
  if (capacity <= 0 || booked >= capacity) return 'full';
  const ratio = booked / capacity;
  return ratio >= 0.85 ? 'high' : ratio >= 0.5 ? 'mid' : 'low';
}

export function CapacityBar({ booked, capacity, compact = false }: { booked: number; capacity: number; compact?: boolean }) {
  const m = useManagerMessages();
  const percent = capacity > 0 ? Math.min(100, Math.round((booked / capacity) * 1000) / 10) : 100;
  const level = fillLevel(booked, capacity);
  return (
    <div className={`capacity capacity-${level}${compact ? ' capacity-compact' : ''}`}>
      <div className="capacity-track" role="img" aria-label={m.schedule.bookedAria(booked, capacity)}>
        <span className="capacity-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="capacity-text" aria-hidden="true">
        {m.schedule.bookedOf(booked, capacity)}
      </span>
      {!compact && (
        <span className="capacity-left">{level === 'full' ? m.schedule.soldOut : m.schedule.seatsLeft(Math.max(0, capacity - booked))}</span>
      )}
    </div>
  );
}
