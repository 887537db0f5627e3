// A show's prices by ticket type inside a show or program form: one field per type on sale,
// empty for the type's own price (said under the field in the manager's money format).
import { formatMoney } from '../../shared/lib/money';
import { priceText } from '../lib/price';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { Field } from './Field';
import { boundInput } from './FormDialog';

export function PriceFields({ legend, hint }: { legend: string; hint: string }) {
  const m = useManagerMessages();
  const card = useManager((s) => s.priceCard);
  const inputs = useManager((s) => s.priceInputs);
  const errors = useManager((s) => s.priceErrors);
  const { typePrice } = useManagerActions();
  if (card === null) return <p className="mgr-hint span-2">{m.prices.loading}</p>;
  return (
    <fieldset className="span-2 price-card" data-testid="price-card">
      <legend>{`${legend} (${card.currency})`}</legend>
      <p className="mgr-hint">{hint}</p>
      <div className="price-card-fields">
        {card.types.map((type) => (
          <Field
            key={type.ticketTypeId}
            label={m.prices.label(type.name)}
            hint={m.prices.typePrice(formatMoney(type.typePrice, card.currency, m.localeTag))}
            error={errors.includes(type.ticketTypeId) ? m.prices.invalid : null}
          >
            {boundInput(`price-${type.ticketTypeId}`, inputs[type.ticketTypeId] ?? '', (value) => typePrice(type.ticketTypeId, value), {
              type: 'text',
              inputMode: 'decimal',
              autoComplete: 'off',
              placeholder: priceText(type.typePrice, card.currency),
            })}
          </Field>
        ))}
      </div>
    </fieldset>
  );
}
