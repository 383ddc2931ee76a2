import type { FormState } from '../../form.js'
import { ErrorSummary } from '../field.js'
import {
  Box,
  Check,
  Choice,
  CustomerPicker,
  described,
  errorLabels,
  ItemRow,
  type OrderFormProps,
  TextInput,
} from '../work-orders/order-form.js'
import { REPAIR_LABELS } from './form-values.js'

/**
 * The repair order form: the work order form's customer picker, item rows (catalog or typed, live square
 * feet) and shared fields, and the repair's own. One POST form that works without JavaScript.
 */
export function RepairOrderForm(props: OrderFormProps) {
  const { values, errors, itemCount, mode } = props
  const state: FormState = { values, errors }
  const own = (name: string, extra?: Record<string, string>) => (
    <TextInput name={name} label={REPAIR_LABELS[name]} values={values} errors={errors} extra={extra} />
  )
  return (
    <form method="post" action={props.action} novalidate class="order-form">
      <ErrorSummary state={state} labels={{ ...errorLabels(itemCount), ...REPAIR_LABELS }} />
      <input type="hidden" name="itemCount" value={String(itemCount)} />
      <CustomerPicker {...props} />
      <div class="item-grid">
        <TextInput name="name" values={values} errors={errors} />
        {mode === 'new' && (
          <TextInput name="dateIn" type="date" values={values} errors={errors} hint="Today if left empty" />
        )}
        <TextInput name="dateRequired" type="date" values={values} errors={errors} />
        {own('itemType')}
        {own('repairType')}
        {own('repairsDoneBy')}
        {own('repairPrice', { inputMode: 'decimal' })}
        {own('priceNote')}
        <Choice
          name="quoteStatus"
          values={values}
          errors={errors}
          options={[
            ['pending', 'Pending'],
            ['approved', 'Approved'],
            ['declined', 'Declined'],
          ]}
        />
        {own('location')}
        <TextInput name="rackLocation" values={values} errors={errors} />
        <Choice
          name="storageTime"
          values={values}
          errors={errors}
          options={[
            ['seasonal', 'Seasonal'],
            ['temporary', 'Temporary'],
          ]}
        />
        <Choice
          name="returnStatus"
          values={values}
          errors={errors}
          options={[
            ['ship', 'Ship'],
            ['deliver', 'Deliver'],
            ['pickup', 'Pickup'],
            ['rehang', 'Re-hang'],
            ['unknown', 'Unknown'],
          ]}
        />
        <TextInput name="returnTo" values={values} errors={errors} />
        <TextInput
          name="returnDate"
          label={REPAIR_LABELS.returnDate}
          type="date"
          values={values}
          errors={errors}
        />
        {mode === 'new' && own('workOrderNo', { inputMode: 'numeric' })}
      </div>
      <fieldset class="checks">
        <legend class="visually-hidden">Flags</legend>
        <Check name="rush" values={values} />
        <Check name="firmRush" values={values} />
      </fieldset>
      {(['materialList', 'specialInstructions'] as const).map((name) => (
        <Box name={name} label={REPAIR_LABELS[name] ?? 'Special instructions'} errors={errors}>
          <textarea id={`f-${name}`} name={name} rows={3} {...described(name, errors)}>
            {values[name] ?? ''}
          </textarea>
        </Box>
      ))}
      <h2>Items</h2>
      {Array.from({ length: itemCount }, (_, i) => (
        <ItemRow i={i} props={props} />
      ))}
      <button type="submit" name="action" value="add-item" class="secondary">
        Add another item
      </button>
      <button type="submit" name="action" value="save">
        {mode === 'new' ? 'Create repair order' : 'Save changes'}
      </button>
    </form>
  )
}
