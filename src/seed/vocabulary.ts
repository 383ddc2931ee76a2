// Word lists for the synthetic shop data (src/seed/generate.ts), and the small builders that compose
// them into sources' and customers' names, addresses, phones and e-mails (2% of these in messy legacy forms).
import { type NewCustomer, type NewSource, type WorkOrderStatus, workOrderStatus } from '../models/index.js'

/** The seeded random source generate.ts passes in. */
export interface Rng {
  next(): number
  int(lo: number, hi: number): number
  uni(lo: number, hi: number): number
  chance(p: number): boolean
  pick<T>(xs: readonly T[]): T
  weighted<T>(xs: readonly T[], ws: readonly number[]): T
}

/** Towns the shop serves: mostly Long Island Sound and southern New England, a few snowbirds and strays. */
export const CITIES: readonly { city: string; state: string; zip: string; area: string; weight: number }[] = [
  { city: 'Port Jefferson', state: 'NY', zip: '11777', area: '631', weight: 6 },
  { city: 'Stony Brook', state: 'NY', zip: '11790', area: '631', weight: 4 },
  { city: 'Huntington', state: 'NY', zip: '11743', area: '631', weight: 5 },
  { city: 'Northport', state: 'NY', zip: '11768', area: '631', weight: 4 },
  { city: 'Greenport', state: 'NY', zip: '11944', area: '631', weight: 3 },
  { city: 'Southold', state: 'NY', zip: '11971', area: '631', weight: 3 },
  { city: 'Sag Harbor', state: 'NY', zip: '11963', area: '631', weight: 3 },
  { city: 'Montauk', state: 'NY', zip: '11954', area: '631', weight: 2 },
  { city: 'East Hampton', state: 'NY', zip: '11937', area: '631', weight: 3 },
  { city: 'Southampton', state: 'NY', zip: '11968', area: '631', weight: 3 },
  { city: 'Patchogue', state: 'NY', zip: '11772', area: '631', weight: 3 },
  { city: 'Bay Shore', state: 'NY', zip: '11706', area: '631', weight: 3 },
  { city: 'Babylon', state: 'NY', zip: '11702', area: '631', weight: 2 },
  { city: 'Oyster Bay', state: 'NY', zip: '11771', area: '516', weight: 3 },
  { city: 'Freeport', state: 'NY', zip: '11520', area: '516', weight: 3 },
  { city: 'Glen Cove', state: 'NY', zip: '11542', area: '516', weight: 2 },
  { city: 'Port Washington', state: 'NY', zip: '11050', area: '516', weight: 3 },
  { city: 'City Island', state: 'NY', zip: '10464', area: '718', weight: 1 },
  { city: 'Greenwich', state: 'CT', zip: '06830', area: '203', weight: 3 },
  { city: 'Stamford', state: 'CT', zip: '06902', area: '203', weight: 2 },
  { city: 'Norwalk', state: 'CT', zip: '06854', area: '203', weight: 2 },
  { city: 'Westport', state: 'CT', zip: '06880', area: '203', weight: 2 },
  { city: 'Milford', state: 'CT', zip: '06460', area: '203', weight: 2 },
  { city: 'Guilford', state: 'CT', zip: '06437', area: '203', weight: 2 },
  { city: 'Old Saybrook', state: 'CT', zip: '06475', area: '860', weight: 2 },
  { city: 'Essex', state: 'CT', zip: '06426', area: '860', weight: 1 },
  { city: 'Mystic', state: 'CT', zip: '06355', area: '860', weight: 2 },
  { city: 'Stonington', state: 'CT', zip: '06378', area: '860', weight: 1 },
  { city: 'Westerly', state: 'RI', zip: '02891', area: '401', weight: 1 },
  { city: 'Newport', state: 'RI', zip: '02840', area: '401', weight: 2 },
  { city: 'Bristol', state: 'RI', zip: '02809', area: '401', weight: 1 },
  { city: 'Point Pleasant Beach', state: 'NJ', zip: '08742', area: '732', weight: 1 },
  { city: 'Naples', state: 'FL', zip: '34102', area: '239', weight: 1 },
  { city: 'Stuart', state: 'FL', zip: '34994', area: '772', weight: 0.5 },
  { city: 'Falmouth', state: 'MA', zip: '02540', area: '508', weight: 0.5 },
]

/** Mailing addresses of snowbirds. */
export const MAIL_CITIES = CITIES.filter((c) => c.state === 'FL')

export const FIRST_NAMES = [
  'James',
  'John',
  'Robert',
  'Michael',
  'William',
  'David',
  'Richard',
  'Joseph',
  'Thomas',
  'Charles',
  'Christopher',
  'Daniel',
  'Matthew',
  'Anthony',
  'Mark',
  'Donald',
  'Steven',
  'Paul',
  'Andrew',
  'Kenneth',
  'Kevin',
  'Brian',
  'George',
  'Edward',
  'Ronald',
  'Timothy',
  'Jason',
  'Jeffrey',
  'Ryan',
  'Gary',
  'Peter',
  'Frank',
  'Scott',
  'Eric',
  'Stephen',
  'Raymond',
  'Gregory',
  'Patrick',
  'Dennis',
  'Walter',
  'Mary',
  'Patricia',
  'Jennifer',
  'Linda',
  'Elizabeth',
  'Barbara',
  'Susan',
  'Jessica',
  'Sarah',
  'Karen',
  'Nancy',
  'Lisa',
  'Margaret',
  'Betty',
  'Sandra',
  'Ashley',
  'Dorothy',
  'Kimberly',
  'Emily',
  'Donna',
  'Michelle',
  'Carol',
  'Amanda',
  'Melissa',
  'Deborah',
  'Stephanie',
  'Rebecca',
  'Laura',
  'Sharon',
  'Cynthia',
  'Kathleen',
  'Anne',
  'Joan',
  'Maureen',
  'Eileen',
  'Diane',
  'Christine',
  'Janet',
  'Catherine',
  'Carolyn',
  'Marie',
] as const

export const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Miller',
  'Davis',
  'Garcia',
  'Rodriguez',
  'Wilson',
  'Martinez',
  'Anderson',
  'Taylor',
  'Thomas',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Thompson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Hill',
  'Green',
  'Adams',
  'Baker',
  'Nelson',
  'Carter',
  'Mitchell',
  'Roberts',
  'Phillips',
  'Campbell',
  'Murphy',
  'Sullivan',
  "O'Brien",
  'Kelly',
  'McCarthy',
  'Walsh',
  'Ryan',
  'Doyle',
  'Byrne',
  'Russo',
  'Esposito',
  'Romano',
  'Colombo',
  'Ricci',
  'Marino',
  'Bruno',
  'Gallo',
  'Costa',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Kowalski',
  'Nowak',
  'Lombardi',
  'Fitzgerald',
  'Gallagher',
  'Caruso',
  'Vitale',
  'Olsen',
  'Hansen',
  'Larsen',
  'Berg',
  'Lindqvist',
  'Chen',
  'Wong',
  'Patel',
  'Kim',
] as const

/** Place words for business names (marinas, restaurants, yacht clubs, sail lofts). */
export const PLACE_WORDS = [
  'Harbor',
  'Bayside',
  'Seaside',
  'Anchor',
  'Compass',
  'Lighthouse',
  'Driftwood',
  'Sandy Point',
  'Cove',
  'Tidewater',
  'Salt Marsh',
  'Windward',
  'Leeward',
  'Crescent Beach',
  'Mill Pond',
  'Shelter Island',
  'North Shore',
  'South Shore',
  'East End',
  'Pequot',
  'Long Wharf',
  'Osprey',
  'Heron',
  'Mariner',
  'Neptune',
  'Captain',
  'Nautilus',
  'Bluewater',
  'Whitecap',
  'Spinnaker',
  'Moorings',
  'Sound View',
  'Old Town',
] as const

export const BUSINESS_KINDS = [
  'Marina',
  'Yacht Club',
  'Boat Yard',
  'Beach Club',
  'Inn',
  'Grill',
  'Clam Bar',
  'Seafood House',
  'Country Club',
  'Condominiums',
  'HOA',
  'Tavern',
  'Oyster Bar',
  'Cafe',
  'Tennis Club',
  'Hotel',
] as const

export const SOURCE_KINDS = [
  'Sail Loft',
  'Sailmakers',
  'Marina',
  'Canvas Works',
  'Canvas & Upholstery',
  'Awning Co.',
  'Boat Works',
  'Marine Canvas',
  'Tent & Awning',
  'Yacht Services',
  'Shade Systems',
  'Boat Yard',
] as const

export const STREETS = [
  'Main',
  'Harbor',
  'Shore',
  'Bay',
  'Ocean',
  'Water',
  'Beach',
  'Mill',
  'Church',
  'Maple',
  'Oak',
  'Elm',
  'Cedar',
  'Pine',
  'Dock',
  'Wharf',
  'Bayview',
  'Seaview',
  'Sound',
  'Cove',
  'Point',
  'Mariner',
  'Spring',
  'High',
  'Washington',
  'Jefferson',
  'Lighthouse',
  'Sunset',
  'Locust',
  'Dogwood',
] as const
export const STREET_SUFFIXES = ['St', 'Ave', 'Rd', 'Ln', 'Dr', 'Ct', 'Way', 'Blvd', 'Pl', 'Path'] as const

export const CONDITIONS = [
  'Good',
  'Fair',
  'Poor',
  'Dirty',
  'Very dirty',
  'Mildew',
  'Heavy mildew',
  'Stained',
  'Bird droppings',
  'Torn seam',
  'Faded',
  'Small holes',
  'Rust stains',
  'Tree sap',
  'New',
] as const
export const CONDITION_WEIGHTS = [14, 10, 4, 12, 6, 10, 5, 6, 4, 3, 5, 3, 2, 3, 2] as const

export const COLORS = [
  'Navy',
  'Forest Green',
  'Burgundy',
  'Black',
  'Tan',
  'Beige',
  'White',
  'Linen',
  'Pacific Blue',
  'Captain Navy',
  'Jockey Red',
  'Logo Red',
  'Toast',
  'Charcoal',
  'Gray',
  'Aruba',
  'Yellow',
  'Terracotta',
  'Navy/White Stripe',
  'Green/White Stripe',
  'Blue/White Stripe',
  'Red/White Stripe',
  'Tan/White Stripe',
] as const

/** Materials with the price per square foot range the shop charges to clean and treat them. */
export const MATERIALS: Record<string, { rate: [number, number] }> = {
  Sunbrella: { rate: [2.5, 3.5] },
  acrylic: { rate: [2.25, 3.1] },
  canvas: { rate: [1.9, 2.8] },
  vinyl: { rate: [1.6, 2.4] },
  polyester: { rate: [1.25, 1.9] },
  'coated polyester': { rate: [1.4, 2.1] },
  mesh: { rate: [1.3, 1.8] },
  Dacron: { rate: [1.5, 2.2] },
  nylon: { rate: [1.5, 2.2] },
  Stamoid: { rate: [2.0, 2.9] },
}

/** What an order is mostly about; each kind has its pieces, with their sizes in feet. */
export type OrderKind = 'awning' | 'boat' | 'sail' | 'cushion' | 'outdoor'

export interface PieceType {
  description: string
  materials: readonly string[]
  /** width and length range in feet; round pieces use width as the diameter. */
  w: [number, number]
  l: [number, number]
  shape?: 'round' | 'sections' | 'weight' | 'piece'
  /** quantity range */
  qty?: [number, number]
}

export const PIECES: Record<OrderKind, readonly PieceType[]> = {
  awning: [
    { description: 'Patio awning', materials: ['Sunbrella', 'acrylic', 'vinyl'], w: [10, 24], l: [6, 12] },
    {
      description: 'Window awning',
      materials: ['Sunbrella', 'acrylic', 'canvas'],
      w: [3, 8],
      l: [2, 4],
      qty: [1, 6],
    },
    { description: 'Retractable awning', materials: ['Sunbrella', 'acrylic'], w: [10, 20], l: [8, 12] },
    { description: 'Door awning', materials: ['Sunbrella', 'vinyl'], w: [3, 6], l: [3, 4] },
    {
      description: 'Storefront awning',
      materials: ['vinyl', 'Sunbrella', 'coated polyester'],
      w: [12, 40],
      l: [3, 6],
    },
    {
      description: 'Awning valance',
      materials: ['Sunbrella', 'acrylic'],
      w: [8, 24],
      l: [1, 1],
      qty: [1, 3],
    },
    {
      description: 'Deck awning',
      materials: ['Sunbrella', 'acrylic', 'canvas'],
      w: [12, 30],
      l: [8, 16],
      shape: 'sections',
    },
    {
      description: 'Side curtain',
      materials: ['vinyl', 'mesh', 'Sunbrella'],
      w: [4, 10],
      l: [6, 8],
      qty: [1, 4],
    },
  ],
  boat: [
    {
      description: 'Boat cover',
      materials: ['Sunbrella', 'canvas', 'polyester', 'Stamoid'],
      w: [18, 36],
      l: [8, 12],
    },
    {
      description: 'Mooring cover',
      materials: ['Sunbrella', 'canvas'],
      w: [14, 28],
      l: [7, 10],
      shape: 'sections',
    },
    { description: 'Bimini top', materials: ['Sunbrella', 'acrylic'], w: [6, 9], l: [5, 8] },
    { description: 'Dodger', materials: ['Sunbrella', 'acrylic'], w: [6, 10], l: [3, 5] },
    { description: 'Enclosure panel', materials: ['vinyl', 'Sunbrella'], w: [3, 6], l: [2, 5], qty: [2, 8] },
    { description: 'Sail cover', materials: ['Sunbrella', 'acrylic'], w: [10, 18], l: [2, 4] },
    { description: 'Console cover', materials: ['Sunbrella', 'canvas'], w: [3, 5], l: [3, 4] },
    {
      description: 'Winter cover',
      materials: ['polyester', 'canvas', 'Stamoid'],
      w: [20, 40],
      l: [9, 14],
      shape: 'sections',
    },
  ],
  sail: [
    { description: 'Mainsail', materials: ['Dacron'], w: [15, 90], l: [0, 0], shape: 'weight' },
    { description: 'Jib', materials: ['Dacron'], w: [8, 45], l: [0, 0], shape: 'weight' },
    { description: 'Genoa', materials: ['Dacron'], w: [15, 70], l: [0, 0], shape: 'weight' },
    { description: 'Spinnaker', materials: ['nylon'], w: [10, 40], l: [0, 0], shape: 'weight' },
    { description: 'Staysail', materials: ['Dacron'], w: [8, 30], l: [0, 0], shape: 'weight' },
  ],
  cushion: [
    {
      description: 'Cushion',
      materials: ['Sunbrella', 'acrylic', 'vinyl'],
      w: [1.5, 2.5],
      l: [1.5, 2.5],
      shape: 'piece',
      qty: [2, 12],
    },
    {
      description: 'Seat cushion',
      materials: ['Sunbrella', 'vinyl'],
      w: [1.5, 2],
      l: [1.5, 2],
      shape: 'piece',
      qty: [2, 10],
    },
    {
      description: 'Back cushion',
      materials: ['Sunbrella', 'vinyl'],
      w: [1.5, 2.5],
      l: [1, 2],
      shape: 'piece',
      qty: [2, 8],
    },
    {
      description: 'Chaise cushion',
      materials: ['Sunbrella', 'acrylic'],
      w: [2, 2.5],
      l: [5.5, 6.5],
      shape: 'piece',
      qty: [1, 6],
    },
    {
      description: 'V-berth cushion',
      materials: ['vinyl', 'Sunbrella'],
      w: [5, 7],
      l: [3, 6],
      shape: 'piece',
      qty: [1, 3],
    },
  ],
  outdoor: [
    {
      description: 'Market umbrella',
      materials: ['Sunbrella', 'acrylic', 'polyester'],
      w: [6, 11],
      l: [0, 0],
      shape: 'round',
      qty: [1, 4],
    },
    {
      description: 'Round table cover',
      materials: ['vinyl', 'polyester'],
      w: [3, 6],
      l: [0, 0],
      shape: 'round',
    },
    { description: 'Hot tub cover', materials: ['vinyl'], w: [6, 8], l: [0, 0], shape: 'round' },
    { description: 'Shade sail', materials: ['mesh', 'Sunbrella'], w: [10, 20], l: [10, 20] },
    { description: 'Pergola canopy', materials: ['Sunbrella', 'polyester'], w: [10, 16], l: [10, 16] },
    { description: 'Tent', materials: ['vinyl', 'canvas'], w: [10, 40], l: [10, 20], shape: 'sections' },
    { description: 'Grill cover', materials: ['vinyl', 'polyester'], w: [4, 6], l: [2, 3] },
    { description: 'Flag', materials: ['nylon'], w: [3, 5], l: [5, 8] },
  ],
}

/** Relative date-in volume by month (Jan..Dec): fall storage peak, spring re-hang bump, summer low. */
export const MONTH_WEIGHTS = [0.35, 0.35, 0.8, 1.15, 1.0, 0.5, 0.35, 0.45, 1.4, 2.1, 1.6, 0.6] as const

/** Order kind mix by month (Jan..Dec) as [awning, boat, sail, cushion, outdoor] weights. */
export const KIND_BY_MONTH: readonly (readonly number[])[] = [
  [40, 20, 15, 14, 10],
  [40, 20, 15, 14, 10],
  [55, 15, 8, 11, 10],
  [55, 12, 6, 14, 12],
  [50, 12, 6, 16, 15],
  [40, 18, 10, 16, 15],
  [35, 20, 15, 14, 15],
  [40, 20, 15, 12, 12],
  [55, 18, 10, 9, 7],
  [55, 20, 10, 8, 6],
  [52, 22, 12, 8, 5],
  [45, 22, 15, 9, 8],
]

export const SPECIAL_INSTRUCTIONS = [
  'Call before delivery',
  'Customer will pick up in spring',
  'Check stitching on valance',
  'Do not fold, roll only',
  'Heavy mildew on underside',
  'Match to last year',
  'Hardware in bag',
  'Reinforce corners',
  'Replace grommets',
  'Ladder needed for re-hang',
  'Gate code 1234',
  'Bill the marina',
  'Label each panel',
  'Extra treatment on top side',
  'Zippers sticking',
] as const

export const FINAL_LOCATIONS = [
  'Shelf A',
  'Shelf B',
  'Shelf C',
  'Loft',
  'Bin',
  'Rack',
  'Front counter',
  'Truck',
] as const

/** The lifecycle of a work order up to completion (cancelled is off this line). */
export const STATUS_ORDER = workOrderStatus.enumValues.filter(
  (status): status is Exclude<WorkOrderStatus, 'cancelled'> => status !== 'cancelled',
)

function phone(r: Rng, area: string): string {
  const n = `${r.int(0, 9999)}`.padStart(4, '0')
  if (!r.chance(0.02)) return r.chance(0.6) ? `(${area}) 555-${n}` : `${area}-555-${n}`
  return r.pick([
    `${area}.555.${n}`,
    `${area}555${n}`,
    `555-${n}`,
    `${area} 555 ${n} x${r.int(10, 99)}`,
    `1-${area}-555-${n} cell`,
  ])
}
function email(r: Rng, local: string, domain: string): string {
  const e = `${slug(local) || 'office'}@${domain}`
  return r.chance(0.02) ? `${e}#mailto:${e}#` : e
}
function street(r: Rng): string {
  return `${r.int(1, 999)} ${r.pick(STREETS)} ${r.pick(STREET_SUFFIXES)}`
}
export const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '')
const personName = (r: Rng) => `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`
const cityWeights = CITIES.map((c) => c.weight)

export function makeSources(r: Rng, count: number): NewSource[] {
  const seen = new Set<string>()
  return Array.from({ length: count }, () => {
    const c = r.weighted(CITIES, cityWeights)
    let name = ''
    for (let tries = 0; !name || seen.has(name); tries++) {
      const place = r.chance(0.5) ? c.city : r.pick(PLACE_WORDS)
      name = `${place} ${r.pick(SOURCE_KINDS)}${tries > 10 ? ` ${tries}` : ''}`
    }
    seen.add(name)
    return {
      name,
      address: street(r),
      city: c.city,
      state: c.state,
      zip: c.zip,
      phone: phone(r, c.area),
      fax: r.chance(0.4) ? phone(r, c.area) : null,
      email: r.chance(0.6)
        ? email(r, r.pick(['info', 'office', 'service']), `${slug(name)}.example.com`)
        : null,
    }
  })
}

export function makeCustomer(
  r: Rng,
  index: number,
  pickSource: () => number | null,
): NewCustomer & { customerNo: number; sourceIndex: number | null; business: boolean } {
  const c = r.weighted(CITIES, cityWeights)
  const business = r.chance(0.18)
  const contact = personName(r)
  const [first, last] = contact.split(' ') as [string, string]
  const name = business
    ? `${r.chance(0.5) ? c.city : r.pick(PLACE_WORDS)} ${r.pick(BUSINESS_KINDS)}`
    : r.chance(0.08)
      ? `${first} & ${r.pick(FIRST_NAMES)} ${last}`
      : contact
  const mail = !business && r.chance(0.07) ? r.pick(MAIL_CITIES) : null
  const domain = r.pick(['example.com', 'example.net', 'example.org'])
  return {
    customerNo: index + 1,
    name,
    contact: business ? contact : null,
    address: street(r),
    address2: r.chance(0.08) ? r.pick(['Apt 2', 'Unit 4B', 'Suite 200', 'PO Box 112', 'Slip 14']) : null,
    city: c.city,
    state: c.state,
    zip: c.zip,
    homePhone: !business && r.chance(0.6) ? phone(r, c.area) : null,
    workPhone: business || r.chance(0.2) ? phone(r, c.area) : null,
    cellPhone: r.chance(0.55) ? phone(r, c.area) : null,
    email: r.chance(0.45)
      ? email(r, business ? 'office' : `${first}.${last}`, business ? `${slug(name)}.example.com` : domain)
      : null,
    mailAddress: mail ? street(r) : null,
    mailCity: mail?.city ?? null,
    mailState: mail?.state ?? null,
    mailZip: mail?.zip ?? null,
    sourceIndex: pickSource(),
    business,
  }
}
