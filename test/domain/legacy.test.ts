import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type LegacyRow,
  legacyField,
  legacyStatus,
  mapCustomerRow,
  mapItemRow,
  mapSourceRow,
  mapWorkOrderRow,
} from '../../src/domain/legacy.js'

const workOrderRow = (extra: LegacyRow = {}): LegacyRow => ({
  WorkOrderNo: '40211',
  CustID: '1877',
  WOName: 'Front porch awnings',
  DateIn: '10/03/2019 0:00:00',
  DateRequired: '',
  DateCompleted: '',
  RushOrder: 'False',
  FirmRush: '0',
  isCushion: 'No',
  StorageTime: 'Seasonal',
  RackNo: 'B-14',
  SpecialInstructions: 'Call before delivery ',
  RepairsNeeded: 'False',
  ReturnStatus: 'Re-Hang',
  ReturnTo: '',
  ShipTo: '',
  Quote: '',
  Clean: '',
  Treat: '',
  SeeRepair: 'False',
  FinalLocation: '',
  ...extra,
})

describe('legacyField', () => {
  it('finds a column whatever the case or the spaces around the header, and trims the value', () => {
    const row = { ' custid ': ' 12 ', EMAILADDRESS: 'a@b.com' }
    expect(legacyField(row, 'CustID')).toBe('12')
    expect(legacyField(row, 'EmailAddress')).toBe('a@b.com')
  })

  it('treats a blank or missing column as null', () => {
    expect(legacyField({ Name: '   ' }, 'Name')).toBeNull()
    expect(legacyField({}, 'Name')).toBeNull()
  })
})

describe('mapSourceRow', () => {
  it('maps a sail loft with messy phone and e-mail values', () => {
    const result = mapSourceRow({
      SSource: ' North Sails Annapolis ',
      SourceAddress: '123 Bay Ridge Ave',
      SourceCity: 'Annapolis',
      SourceState: 'MD',
      SourceZip: '21403',
      SourcePhone: '410.867.5309',
      SourceFax: '',
      SourceEmail: 'Loft@NorthSails.com#mailto:loft@northsails.com#',
    })
    expect(result).toEqual({
      ok: true,
      warnings: [],
      value: {
        name: 'North Sails Annapolis',
        address: '123 Bay Ridge Ave',
        city: 'Annapolis',
        state: 'MD',
        zip: '21403',
        phone: '(410) 867-5309',
        fax: null,
        email: 'loft@northsails.com',
      },
    })
  })

  it('requires the source name', () => {
    expect(mapSourceRow({ SSource: ' ', SourceCity: 'Annapolis' })).toEqual({
      ok: false,
      errors: ['SSource is required'],
    })
  })
})

describe('mapCustomerRow', () => {
  it('maps a customer, keeping the legacy number and the source text', () => {
    const result = mapCustomerRow({
      CustID: '1877',
      Name: 'Smith, John',
      Contact: '',
      Address: '9 Harbor Rd',
      Address2: '',
      City: 'Edgewater',
      State: 'MD',
      ZipCode: '21037',
      HomePhone: '(410) 867-5309',
      WorkPhone: '555-1234',
      CellPhone: '4105550100 x7',
      EmailAddress: ' mailto:JSmith@Example.com ',
      MailAddress: '',
      MailCity: '',
      MailState: '',
      MailZip: '',
      Source: 'North Sails Annapolis',
    })
    expect(result).toMatchObject({
      ok: true,
      value: {
        customerNo: 1877,
        name: 'Smith, John',
        contact: null,
        homePhone: '(410) 867-5309',
        workPhone: '555-1234',
        cellPhone: '(410) 555-0100 x7',
        email: 'jsmith@example.com',
        mailAddress: null,
        sourceName: 'North Sails Annapolis',
      },
    })
  })

  it('reports every missing or broken required column at once', () => {
    expect(mapCustomerRow({ CustID: 'A17', Name: '' })).toEqual({
      ok: false,
      errors: ['CustID: "A17" is not a whole number', 'Name is required'],
    })
  })
})

describe('legacyStatus', () => {
  const status = (extra: LegacyRow) => legacyStatus(workOrderRow(extra))

  it.each([
    [{ DateCompleted: '11/02/2019', Treat: '10/20/2019', FinalLocation: 'Shelf 3' }, 'completed', null],
    [{ Clean: '10/10/2019', Treat: '10/20/2019', FinalLocation: 'Shelf 3' }, 'packaged', null],
    [{ Clean: '10/10/2019', Treat: '10/20/2019' }, 'treated', null],
    [{ Clean: '10/10/2019', Quote: 'Approved' }, 'cleaned', 'approved'],
    [{ Quote: 'Approved' }, 'queued', 'approved'],
    [{ Quote: 'done' }, 'queued', 'approved'],
    [{ Quote: 'Yes' }, 'received', 'pending'],
    [{ Quote: '' }, 'received', null],
    [{ FinalLocation: 'Shelf 3' }, 'received', null],
  ])('maps %j to %s with quote %s', (extra, expectedStatus, expectedQuote) => {
    expect(status(extra)).toMatchObject({
      ok: true,
      value: { status: expectedStatus, quoteStatus: expectedQuote },
    })
  })

  it('returns the legacy dates as ISO dates', () => {
    expect(status({ Clean: '10/10/2019', Treat: '2019-10-20', DateCompleted: '11/2/19 0:00:00' })).toEqual({
      ok: true,
      warnings: [],
      value: {
        status: 'completed',
        quoteStatus: null,
        dateCleaned: '2019-10-10',
        dateTreated: '2019-10-20',
        dateCompleted: '2019-11-02',
      },
    })
  })

  it('reports unreadable dates and quote values instead of guessing', () => {
    expect(status({ Clean: 'x', Quote: 'Maybe' })).toEqual({
      ok: false,
      errors: ['Clean: "x" is not a date', 'Quote: "Maybe" is not Yes, Approved, Done or Declined'],
    })
  })
})

describe('mapWorkOrderRow', () => {
  it('maps an open, approved seasonal order with free-text repairs', () => {
    const result = mapWorkOrderRow(
      workOrderRow({
        RushOrder: '-1',
        Quote: 'Approved',
        RepairsNeeded: 'Restitch left valance',
        ShipTo: 'Sail Loft',
      }),
    )
    expect(result).toEqual({
      ok: true,
      warnings: [],
      value: {
        workOrderNo: 40211,
        customerNo: 1877,
        name: 'Front porch awnings',
        dateIn: '2019-10-03',
        dateRequired: null,
        rush: true,
        firmRush: false,
        isCushion: false,
        storageTime: 'seasonal',
        rackLocation: 'B-14',
        specialInstructions: 'Call before delivery',
        repairsNeeded: true,
        repairNotes: 'Restitch left valance',
        returnStatus: 'rehang',
        returnTo: null,
        shipToName: 'Sail Loft',
        finalLocation: null,
        status: 'queued',
        quoteStatus: 'approved',
        dateCleaned: null,
        dateTreated: null,
        dateCompleted: null,
      },
    })
  })

  it.each([
    ['Yes', true],
    ['no', false],
    ['None', false],
    ['N/A', false],
    ['', false],
  ])('reads RepairsNeeded %j as %j', (raw, expected) => {
    expect(mapWorkOrderRow(workOrderRow({ RepairsNeeded: raw }))).toMatchObject({
      ok: true,
      value: { repairsNeeded: expected, repairNotes: null },
    })
  })

  it.each([
    ['Ship', 'ship'],
    ['DELIVER', 'deliver'],
    ['Pick Up', 'pickup'],
    ['rehang', 'rehang'],
    ['Unknown', 'unknown'],
    ['', null],
  ])('reads ReturnStatus %j as %j', (raw, expected) => {
    expect(mapWorkOrderRow(workOrderRow({ ReturnStatus: raw }))).toMatchObject({
      ok: true,
      value: { returnStatus: expected },
    })
  })

  it('reads StorageTime Temporary and blank', () => {
    expect(mapWorkOrderRow(workOrderRow({ StorageTime: 'temporary' }))).toMatchObject({
      value: { storageTime: 'temporary' },
    })
    expect(mapWorkOrderRow(workOrderRow({ StorageTime: '' }))).toMatchObject({ value: { storageTime: null } })
  })

  it('names each bad column in its errors', () => {
    const result = mapWorkOrderRow(
      workOrderRow({
        DateIn: '13/45/2020',
        RushOrder: 'sometimes',
        StorageTime: 'forever',
        ReturnStatus: 'mail',
        Treat: '02/30/2020',
      }),
    )
    expect(result).toEqual({
      ok: false,
      errors: [
        'DateIn: "13/45/2020" is not a date',
        'RushOrder: "sometimes" is not a yes/no value',
        'StorageTime: "forever" is not Seasonal or Temporary',
        'ReturnStatus: "mail" is not Ship, Deliver, Pickup, Re-Hang or Unknown',
        'Treat: "02/30/2020" is not a date',
      ],
    })
  })

  it('requires the order number, the customer number and the date in', () => {
    expect(mapWorkOrderRow(workOrderRow({ WorkOrderNo: '', CustID: ' ', DateIn: '' }))).toEqual({
      ok: false,
      errors: ['WorkOrderNo is required', 'CustID is required', 'DateIn is required'],
    })
  })
})

describe('mapItemRow', () => {
  it('maps a priced item and defaults a blank quantity to 1', () => {
    expect(
      mapItemRow({
        WorkOrderNo: '40211',
        CustID: '1877',
        Description: 'Awning, front',
        Material: 'Sunbrella',
        Qty: '',
        Condition: 'Fair',
        Color: 'Forest Green',
        SizeWgt: `10'6"x8'3"`,
        Price: '$1,234.50',
      }),
    ).toEqual({
      ok: true,
      warnings: [],
      value: {
        workOrderNo: 40211,
        customerNo: 1877,
        description: 'Awning, front',
        material: 'Sunbrella',
        quantity: 1,
        condition: 'Fair',
        color: 'Forest Green',
        sizeText: `10'6"x8'3"`,
        unitPrice: 1234.5,
      },
    })
  })

  it('keeps an unpriced sail unpriced and its weight as size text', () => {
    expect(
      mapItemRow({ WorkOrderNo: '7', Description: 'Mainsail', Qty: '2', SizeWgt: '30#', Price: '' }),
    ).toMatchObject({
      ok: true,
      value: { quantity: 2, sizeText: '30#', unitPrice: null, customerNo: null, material: null },
    })
  })

  it('rejects a zero quantity, a negative price and a missing description', () => {
    expect(mapItemRow({ WorkOrderNo: '7', Description: '', Qty: '0', Price: '-5' })).toEqual({
      ok: false,
      errors: ['Description is required', 'Qty: "0" must be more than 0', 'Price: "-5" is negative'],
    })
  })
})

describe('the row mappers', () => {
  const columns = [
    ...['SSource', 'SourcePhone', 'SourceEmail', 'CustID', 'Name', 'HomePhone', 'EmailAddress', 'Source'],
    ...[
      'WorkOrderNo',
      'DateIn',
      'DateCompleted',
      'RushOrder',
      'StorageTime',
      'RepairsNeeded',
      'ReturnStatus',
    ],
    ...['Quote', 'Clean', 'Treat', 'FinalLocation', 'Description', 'Qty', 'Price', ' qty ', 'PRICE'],
  ]
  const values = fc.oneof(
    fc.string(),
    fc.constantFrom('', ' ', 'True', '-1', '12', '1,234', '$5.00', '-3', '0', '3/4/21', '2020-02-30'),
    fc.constantFrom('Approved', 'Yes', 'Done', 'Seasonal', 'Re-Hang', 'a@b.com#mailto:a@b.com#'),
  )
  const rows = fc.dictionary(fc.oneof(fc.constantFrom(...columns), fc.string()), values)

  it('never throw on arbitrary records, and either succeed or give errors', () => {
    fc.assert(
      fc.property(rows, (row) => {
        for (const map of [mapSourceRow, mapCustomerRow, mapWorkOrderRow, mapItemRow, legacyStatus]) {
          const result = map(row)
          if (!result.ok) expect(result.errors.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('never give a work order a quantity or date that the database would refuse', () => {
    fc.assert(
      fc.property(rows, (row) => {
        const item = mapItemRow(row)
        if (item.ok) expect(item.value.quantity).toBeGreaterThan(0)
        const order = mapWorkOrderRow(row)
        if (order.ok) expect(order.value.dateIn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      }),
      { numRuns: 1000 },
    )
  })

  it('never hand the database a NUL, a lone surrogate or a replacement character in any mapped value', () => {
    const hostile = fc.string({
      unit: fc.constantFrom('a', '1', '/', ' ', '\0', '\ud800', '\udc00', '\ufffd', 'é'),
    })
    const hostileRows = fc.dictionary(fc.constantFrom(...columns), fc.oneof(values, hostile))
    fc.assert(
      fc.property(hostileRows, (row) => {
        for (const map of [mapSourceRow, mapCustomerRow, mapWorkOrderRow, mapItemRow]) {
          const result = map(row)
          if (!result.ok) continue
          for (const v of Object.values(result.value)) {
            if (typeof v === 'string')
              expect(v).not.toMatch(
                /\0|\ufffd|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
              )
          }
        }
      }),
      { numRuns: 1000 },
    )
  })
})

describe('legacy text that cannot be stored as it is', () => {
  it('removes NUL characters from a value, with a warning naming the column, and keeps the row', () => {
    const result = mapCustomerRow({ CustID: '12\0', Name: 'Crab\0\0 House', City: '\0' })
    expect(result).toMatchObject({
      ok: true,
      value: { customerNo: 12, name: 'Crab House', city: null },
      warnings: [
        'CustID: removed 1 NUL character(s)',
        'Name: removed 2 NUL character(s)',
        'City: removed 1 NUL character(s)',
      ],
    })
  })

  it('refuses a row whose text is not UTF-8 (a replacement character or a lone surrogate), naming the column', () => {
    const bad = mapCustomerRow({ CustID: '12', Name: 'Caf\ufffd du Port' })
    expect(bad).toEqual({ ok: false, errors: [expect.stringMatching(/^Name: is not valid UTF-8/)] })
    const surrogate = mapSourceRow({ SSource: 'Loft \ud800' })
    expect(surrogate).toEqual({ ok: false, errors: [expect.stringMatching(/^SSource: is not valid UTF-8/)] })
  })

  it('ignores what it cannot store in a column the import does not read', () => {
    expect(mapSourceRow({ SSource: 'Loft', Notes: 'x\ufffd\0' })).toMatchObject({ ok: true, warnings: [] })
  })

  it('reads back a cell the export neutralized as a possible formula', () => {
    const result = mapCustomerRow({
      CustID: '7',
      Name: `'=HYPERLINK("http://evil.example","x")`,
      Contact: "'-Dana",
    })
    expect(result).toMatchObject({
      ok: true,
      value: { name: '=HYPERLINK("http://evil.example","x")', contact: '-Dana' },
    })
    expect(mapCustomerRow({ CustID: '7', Name: "O'Brien", Contact: "'Tis" })).toMatchObject({
      value: { name: "O'Brien", contact: "'Tis" },
    })
  })

  it('warns about an item size that gives no square feet, and not about a sail weight', () => {
    const item = (SizeWgt: string) => mapItemRow({ WorkOrderNo: '7', Description: 'Awning', SizeWgt })
    expect(item('big')).toMatchObject({ ok: true, warnings: [expect.stringMatching(/^SizeWgt: Size "big"/)] })
    expect(item('30#')).toMatchObject({ ok: true, warnings: [] })
    expect(item('300x250cm')).toMatchObject({ ok: true, value: { sizeText: '300x250cm' }, warnings: [] })
  })
})
