// Word lists for deterministic, realistic names. Every entry is a single token (no spaces) so a
// generated organization name can be parsed back into its index (see seedOrganizations.ts).

export const ORG_FIRST_WORDS = [
  'Northwind', 'Bluebird', 'Silverline', 'Redwood', 'Evergreen', 'Summit', 'Harbor', 'Granite',
  'Cedar', 'Maple', 'Aurora', 'Beacon', 'Cobalt', 'Crescent', 'Falcon', 'Horizon',
  'Ironbridge', 'Juniper', 'Keystone', 'Lakeside', 'Meridian', 'Nimbus', 'Oakridge', 'Pinnacle',
  'Quarry', 'Riverbend', 'Sapphire', 'Tidewater', 'Umber', 'Vantage', 'Westwind', 'Willow',
  'Zephyr', 'Alder', 'Birchwood', 'Copperfield', 'Driftwood', 'Emberly', 'Foxglove', 'Greystone',
  'Hawthorne', 'Ivory', 'Kestrel', 'Lumen', 'Marigold', 'Obsidian', 'Prairie', 'Starling',
];

export const ORG_SECOND_WORDS = [
  'Logistics', 'Health', 'Analytics', 'Robotics', 'Foods', 'Dynamics', 'Energy', 'Textiles',
  'Media', 'Ventures', 'Pharmacy', 'Insurance', 'Telecom', 'Motors', 'Software', 'Outfitters',
  'Bakery', 'Dental', 'Realty', 'Airlines', 'Freight', 'Consulting', 'Capital', 'Studios',
  'Brewing', 'Farms', 'Hospitality', 'Security', 'Networks', 'Clinics', 'Academy', 'Construction',
  'Marine', 'Apparel', 'Solar', 'Mining', 'Biotech', 'Publishing', 'Aerospace', 'Furniture',
];

/** Appended (after a space) once every first/second combination has been used. */
export const ORG_SUFFIXES = [
  'Group', 'Partners', 'Holdings', 'International', 'Collective', 'Associates', 'Enterprises',
  'Worldwide', 'Cooperative', 'Trust', 'Alliance', 'Industries',
];

export const STREET_NAMES = ['Market', 'Harbor', 'Elm', 'Mission', 'King', 'Queen', 'Station', 'Mill', 'Bridge', 'Park'];
export const CITIES = ['Portland', 'Austin', 'Dublin', 'Copenhagen', 'Melbourne', 'Toronto', 'Lisbon', 'Osaka', 'Denver', 'Leeds'];
export const TIERS = ['gold', 'silver', 'bronze'];

// Includes non-ASCII and apostrophe names on purpose: UIs and email slugs must cope with them.
export const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Oliver', 'Sophia', 'Elijah', 'Isabella', 'Lucas',
  'Mia', 'Mateo', 'Amelia', 'Levi', 'Harper', 'Ezra', 'Evelyn', 'Asher', 'Aria', 'Leo',
  'Chloé', 'José', 'Zoë', 'Søren', 'Aiko', 'Priya', 'Kwame', 'Fatima', 'Mei', 'Omar',
  'Ingrid', 'Rafael', 'Nadia', 'Tomás', 'Yuki', 'Amara', 'Henrik', 'Leila', 'Diego', 'Hana',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  "O'Brien", 'Nguyen', 'Müller', 'Kowalski', 'Tanaka', 'Okafor', 'Haddad', 'Larsen', 'Rossi', 'Dubois',
  'Silva', 'Novak', 'Kim', 'Patel', 'Andersson', 'Costa', 'Byrne', 'Fischer', 'Ito', 'Mensah',
];

export const TIME_ZONES: ReadonlyArray<readonly [string, string]> = [
  ['Eastern Time (US & Canada)', 'America/New_York'],
  ['Pacific Time (US & Canada)', 'America/Los_Angeles'],
  ['London', 'Europe/London'],
  ['Copenhagen', 'Europe/Copenhagen'],
  ['Tokyo', 'Asia/Tokyo'],
  ['Sydney', 'Australia/Sydney'],
];

export const LOCALES: ReadonlyArray<readonly [string, number]> = [['en-US', 1], ['en-GB', 5], ['de', 8], ['fr', 16], ['ja', 67]];
