/**
 * Text data for the demo corpus: working names, towns, nationalities and sentence fragments.
 *
 * Fragments were written for this project in the register of UK adult-services adverts, kept
 * non-explicit (companionship, GFE, massage, incalls/outcalls, prices, hours). Slots in braces are
 * filled per advert: {name} {name2} {age} {town} {next} {nat} {country} {noun} {adj} {adj2} {hair}
 * {p30} {p60} {hours} {day} {years} {agency} {phone} {email}.
 *
 * Red-flag pools (trust, youth, 24/7, third-party voice, nationality as marketing) are used by
 * every kind of advertiser at different rates: they are not a signature of exploitation.
 */

/** Female working names, deliberately multinational (working names rarely match nationality). */
export const NAMES_F = [
  'Amber', 'Jade', 'Chloe', 'Sophie', 'Lily', 'Ruby', 'Scarlett', 'Holly', 'Megan', 'Jess',
  'Emma', 'Bella', 'Mia', 'Ella', 'Grace', 'Poppy', 'Daisy', 'Leah', 'Kayla', 'Tasha',
  'Natasha', 'Anastasia', 'Katya', 'Alina', 'Daria', 'Irina', 'Oksana', 'Nadia', 'Sasha',
  'Viktoria', 'Alexandra', 'Andreea', 'Bianca', 'Ioana', 'Larisa', 'Roxana', 'Diana', 'Simona',
  'Gabriela', 'Adriana', 'Raluca', 'Cristina', 'Monika', 'Kasia', 'Agnieszka', 'Ola', 'Zuzana',
  'Petra', 'Lenka', 'Klara', 'Eszter', 'Reka', 'Dora', 'Lucia', 'Valentina', 'Isabella',
  'Giulia', 'Chiara', 'Sofia', 'Carla', 'Lola', 'Paloma', 'Marta', 'Ines', 'Camila', 'Luana',
  'Bruna', 'Thais', 'Larissa', 'Juliana', 'Fernanda', 'Gabi', 'Yasmin', 'Leila', 'Samira',
  'Amira', 'Noor', 'Priya', 'Anjali', 'Riya', 'Zara', 'Aisha', 'Amara', 'Chioma', 'Ada', 'Nia',
  'Imani', 'Keisha', 'Destiny', 'Precious', 'Mei', 'Lin', 'Yuki', 'Sakura', 'Hana', 'Min',
  'Jia', 'Lan', 'Mai', 'Linh', 'Anh', 'Ploy', 'Nok', 'Fon', 'Mali', 'Dao', 'May', 'Kim', 'Joy',
  'Angel', 'Cherry', 'Candy', 'Honey', 'Roxy', 'Star', 'Cleo', 'Eva', 'Nina', 'Lara', 'Maya',
  'Elena', 'Olivia', 'Charlotte', 'Georgia', 'Kitty', 'Lexi', 'Tia', 'Ava', 'Freya', 'Isla',
  'Erin', 'Niamh', 'Siobhan', 'Morgan', 'Rhiannon', 'Carys', 'Seren', 'Kirsty', 'Shona',
  'Eilidh', 'Stacey', 'Gemma', 'Lauren', 'Hayley', 'Kelly', 'Danielle', 'Nicole', 'Victoria',
  'Vanessa', 'Veronica', 'Jasmine', 'Layla', 'Sienna', 'Summer', 'Autumn', 'Willow', 'Luna',
  'Stella', 'Aurora', 'Ivy', 'Rosie', 'Evie', 'Millie', 'Lucy', 'Abi', 'Becky', 'Sam', 'Jo',
  'Kat', 'Mila', 'Vika', 'Lera', 'Polina', 'Kristina', 'Ana', 'Marina', 'Sabrina', 'Selena',
  'Aaliyah', 'Zoe', 'Tanya', 'Helena', 'Iris', 'Thea', 'Nadine', 'Carmen', 'Rosa', 'Elif',
  'Defne', 'Ayla', 'Eliza', 'Francesca', 'Ilona', 'Dominika', 'Weronika', 'Beata', 'Laura',
] as const;

/** Male working names (men are a real minority of independent advertisers). */
export const NAMES_M = [
  'Jack', 'Tom', 'Dan', 'Leo', 'Marco', 'Luca', 'Rafael', 'Diego', 'Max', 'Sam', 'Alex',
  'Ryan', 'Josh', 'Adam', 'Liam', 'Kai', 'Theo', 'Jay', 'Nico', 'Mateo', 'Andre', 'Viktor',
  'Oscar', 'Finn', 'Ben', 'Callum', 'Jamie', 'Ethan', 'Zack', 'Hugo',
] as const;

/** Region used to build plausible touring circuits (mostly between neighbouring towns). */
export type TownRegion =
  | 'London'
  | 'South East'
  | 'South West'
  | 'East'
  | 'East Midlands'
  | 'West Midlands'
  | 'North West'
  | 'North East'
  | 'Yorkshire'
  | 'Wales'
  | 'Scotland'
  | 'Northern Ireland';

/**
 * Towns with a rough weight (share of adverts, loosely after population and ASW activity) and
 * how adverts often shorten them. Names follow the project's gazetteer spelling.
 */
export const TOWNS: readonly (readonly [
  name: string,
  weight: number,
  region: TownRegion,
  short?: string,
])[] = [
  ['London', 22, 'London'],
  ['Manchester', 6, 'North West'],
  ['Birmingham', 6, 'West Midlands', 'Brum'],
  ['Leeds', 4, 'Yorkshire'],
  ['Glasgow', 4, 'Scotland'],
  ['Liverpool', 3.5, 'North West'],
  ['Bristol', 3, 'South West'],
  ['Sheffield', 3, 'Yorkshire'],
  ['Edinburgh', 3, 'Scotland'],
  ['Newcastle upon Tyne', 3, 'North East', 'Newcastle'],
  ['Nottingham', 3, 'East Midlands', 'Notts'],
  ['Leicester', 2.5, 'East Midlands'],
  ['Cardiff', 2.5, 'Wales'],
  ['Coventry', 2, 'West Midlands'],
  ['Belfast', 2, 'Northern Ireland'],
  ['Brighton', 2, 'South East'],
  ['Bradford', 1.5, 'Yorkshire'],
  ['Southampton', 1.8, 'South East'],
  ['Reading', 1.8, 'South East'],
  ['Portsmouth', 1.5, 'South East'],
  ['Milton Keynes', 1.5, 'South East', 'MK'],
  ['Derby', 1.3, 'East Midlands'],
  ['Luton', 1.2, 'East'],
  ['Northampton', 1.2, 'East Midlands'],
  ['Norwich', 1.2, 'East'],
  ['Plymouth', 1.2, 'South West'],
  ['Stoke-on-Trent', 1.2, 'West Midlands', 'Stoke'],
  ['Wolverhampton', 1.2, 'West Midlands', 'Wolves'],
  ['Kingston upon Hull', 1.2, 'Yorkshire', 'Hull'],
  ['Aberdeen', 1.2, 'Scotland'],
  ['Swansea', 1, 'Wales'],
  ['Oxford', 1, 'South East'],
  ['Cambridge', 1, 'East'],
  ['Bournemouth', 1, 'South West'],
  ['Peterborough', 0.9, 'East'],
  ['York', 0.9, 'Yorkshire'],
  ['Sunderland', 0.9, 'North East'],
  ['Swindon', 0.9, 'South West'],
  ['Ipswich', 0.8, 'East'],
  ['Exeter', 0.8, 'South West'],
  ['Middlesbrough', 0.8, 'North East', 'Boro'],
  ['Bolton', 0.8, 'North West'],
  ['Preston', 0.8, 'North West'],
  ['Blackpool', 0.8, 'North West'],
  ['Watford', 0.8, 'East'],
  ['Slough', 0.8, 'South East'],
  ['Chelmsford', 0.7, 'East'],
  ['Southend-on-Sea', 0.7, 'East', 'Southend'],
  ['Doncaster', 0.7, 'Yorkshire'],
  ['Crawley', 0.6, 'South East'],
  ['Basingstoke', 0.6, 'South East'],
  ['Maidstone', 0.6, 'South East'],
  ['Gloucester', 0.6, 'South West'],
  ['Cheltenham', 0.6, 'South West'],
  ['Colchester', 0.6, 'East'],
  ['Dundee', 0.6, 'Scotland'],
  ['Newport', 0.6, 'Wales'],
  ['Lincoln', 0.6, 'East Midlands'],
  ['Huddersfield', 0.6, 'Yorkshire'],
  ['Wakefield', 0.6, 'Yorkshire'],
  ['Warrington', 0.6, 'North West'],
  ['Stockport', 0.6, 'North West'],
  ['Worcester', 0.5, 'West Midlands'],
  ['Wigan', 0.5, 'North West'],
  ['Oldham', 0.5, 'North West'],
  ['Blackburn', 0.5, 'North West'],
  ['Chester', 0.5, 'North West'],
  ['Telford', 0.5, 'West Midlands'],
  ['Walsall', 0.5, 'West Midlands'],
  ['Dudley', 0.5, 'West Midlands'],
  ['Bath', 0.5, 'South West'],
  ['Guildford', 0.5, 'South East'],
  ['Rochdale', 0.4, 'North West'],
  ['Burnley', 0.4, 'North West'],
  ['Carlisle', 0.4, 'North West'],
  ['Shrewsbury', 0.4, 'West Midlands'],
  ['Solihull', 0.4, 'West Midlands'],
  ['Canterbury', 0.4, 'South East'],
  ['Wrexham', 0.4, 'Wales'],
  ['Inverness', 0.3, 'Scotland'],
  ['Stirling', 0.3, 'Scotland'],
  ['Perth', 0.3, 'Scotland'],
  ['Lancaster', 0.3, 'North West'],
  ['Taunton', 0.3, 'South West'],
  ['Torquay', 0.3, 'South West'],
  ['Hastings', 0.3, 'South East'],
  ['Harrogate', 0.3, 'Yorkshire'],
  ['Scarborough', 0.3, 'Yorkshire'],
  ['Lisburn', 0.2, 'Northern Ireland'],
  ['Newry', 0.2, 'Northern Ireland'],
];

/** Towns where prices run higher. */
export const EXPENSIVE_TOWNS: ReadonlySet<string> = new Set([
  'London', 'Oxford', 'Cambridge', 'Edinburgh', 'Bath', 'Guildford', 'Brighton', 'Reading',
]);

/**
 * Nationalities as adverts state them: [adjective, country, weight among independents who state
 * one, weight among networks that market one]. The two weights overlap on purpose.
 */
export const NATIONALITIES: readonly (readonly [
  adjective: string,
  country: string,
  independent: number,
  marketing: number,
])[] = [
  ['British', 'the UK', 26, 3],
  ['Polish', 'Poland', 6, 4],
  ['Romanian', 'Romania', 7, 16],
  ['Brazilian', 'Brazil', 8, 9],
  ['Spanish', 'Spain', 5, 3],
  ['Italian', 'Italy', 4, 2],
  ['Portuguese', 'Portugal', 3, 1],
  ['French', 'France', 2, 1],
  ['Irish', 'Ireland', 2, 0.5],
  ['Hungarian', 'Hungary', 4, 8],
  ['Czech', 'the Czech Republic', 3, 3],
  ['Latvian', 'Latvia', 2, 2],
  ['Lithuanian', 'Lithuania', 2, 2],
  ['Bulgarian', 'Bulgaria', 2, 5],
  ['Ukrainian', 'Ukraine', 3, 2],
  ['Russian', 'Russia', 2, 2],
  ['Greek', 'Greece', 1.5, 0.5],
  ['Colombian', 'Colombia', 3, 3],
  ['Venezuelan', 'Venezuela', 2, 2],
  ['Thai', 'Thailand', 3, 9],
  ['Chinese', 'China', 2, 10],
  ['Vietnamese', 'Vietnam', 1, 4],
  ['Filipina', 'the Philippines', 1.5, 1],
  ['Japanese', 'Japan', 1, 1],
  ['Korean', 'Korea', 1, 1.5],
  ['Malaysian', 'Malaysia', 1, 1],
  ['Nigerian', 'Nigeria', 2, 3],
  ['Jamaican', 'Jamaica', 1.5, 0.5],
  ['Indian', 'India', 1.5, 1],
  ['Turkish', 'Turkey', 1, 0.5],
  ['Albanian', 'Albania', 1, 2],
  ['Swedish', 'Sweden', 0.5, 0.5],
  ['Dutch', 'the Netherlands', 0.5, 0.3],
];

export const HAIR = [
  'blonde', 'brunette', 'red', 'black', 'auburn', 'dark', 'honey blonde', 'long dark',
  'short blonde', 'curly', 'chestnut', 'pink',
] as const;

/** Self-description adjectives, shared by everyone (note "petite" and "genuine" overlap flags). */
export const ADJECTIVES = [
  'bubbly', 'friendly', 'easy-going', 'warm', 'down to earth', 'chatty', 'classy', 'curvy',
  'slim', 'fun', 'sophisticated', 'laid-back', 'cheeky', 'well-spoken', 'playful', 'elegant',
  'sweet', 'confident', 'sporty', 'tall', 'natural', 'glamorous', 'open-minded', 'educated',
  'witty', 'caring', 'affectionate', 'relaxed', 'smiley', 'kind', 'petite', 'genuine', 'mature',
  'discreet', 'stylish', 'gentle', 'lively', 'curious', 'charming', 'shy at first',
] as const;

export const WEEKDAYS = [
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
] as const;

export const HOURS = [
  '10am till 10pm', '11am–late', 'Mon–Fri 10–6', 'Mon to Sat, 12 till 8', 'from 6pm till late',
  '9.30am–3pm weekdays', 'weekends only', 'Tues–Sun midday to 9', 'afternoons and evenings',
  '7 days a week, 10–10', 'Thursday to Sunday', '10am–4pm', 'evenings after 7',
  'most days 11–9', 'Mon, Wed and Fri', 'lunchtimes and early evenings', '12–12',
] as const;

export const EMOJI = [
  '😘', '💋', '✨', '🌸', '💕', '😊', '🔥', '🌹', '💫', '🥂', '😉', '💖', '🍒', '👠', '🌺', '💜',
  '⭐', '❤️', '🦋', '🍓', '🌷', '💐', '😍', '🙈', '🥰', '👑', '💎', '🌙',
] as const;

export const GREETINGS = [
  'Hi gents', 'Hello gentlemen', 'Hey guys', 'Hiya', 'Hi there', 'Hello and welcome',
  'Welcome to my profile', 'Good evening gents', 'Hey you', 'Hello lovely people',
  'Hi, thanks for stopping by', 'Hello!', 'Hey hey', 'Morning all', 'Hi all', 'Hello darling',
  'Well hello there', 'Hi hun', 'Greetings gentlemen', 'Hey, nice to see you here', 'Hi lovelies',
  'Evening all', 'Hello you',
] as const;

export const INTROS = [
  "I'm {name}, {age}, a {adj} {noun} based in {town}.",
  "My name is {name} and I'm a {adj} and {adj2} {age} year old.",
  '{name} here, {age} years young and {adj}.',
  "I'm {name} – {adj}, {adj2} and easy to talk to.",
  "Call me {name}. I'm {age}, {adj} and always smiling.",
  'I am {name}, a {adj} {noun} who loves good company.',
  "Let me introduce myself, I'm {name}.",
  '{name}, {age}, {town}.',
  "I'm a {adj} {noun} called {name}.",
  "So, I'm {name}. {age}. {adj} and a bit {adj2}.",
  "My name's {name}, I'm {age} and I've been doing this for {years} years.",
  "I'm {name}, {adj} {noun} next door.",
  'hi im {name} im {age} and {adj}',
  'You can call me {name}.',
  "I'm {name}, a {adj} {age} year old who likes to keep things relaxed.",
  "{name} – {adj}, {adj2}, {hair} hair and a big smile.",
  "It's {name}! {age}, {adj} and new to this site.",
  "Hello, I'm {name}, {adj} and {adj2}, working independently in {town}.",
  "I'm {name}, {age}, {hair} hair, {adj} personality.",
  'Meet {name}: {adj}, {adj2} and very easy company.',
] as const;

export const ABOUT = [
  'I love travelling, good food and a glass of wine.',
  "Outside of this I'm a student, so my hours can change.",
  "I'm a real {noun} next door type, no airs and graces.",
  "I'm very chatty so expect plenty of laughs.",
  'I enjoy long dinners, cocktails and good conversation.',
  "I'm into the gym, yoga and long dog walks.",
  "I've got a soft spot for cheeky smiles and good manners.",
  "I'm well travelled and can hold a conversation on most things.",
  'I like to take my time and never rush.',
  'Bookworm by day, social butterfly by night.',
  "I'm a bit of a foodie and love trying new places.",
  'I speak three languages, English included!',
  'Tattoos and a nose piercing, so maybe not for everyone.',
  'Size 10, 5ft 6, natural {hair} hair.',
  "I'm curvy and proud of it.",
  'Slim, natural and very relaxed.',
  'Mature, experienced and discreet.',
  "I've been independent for {years} years and I love what I do.",
  'I work for myself: no agency, no drivers, no nonsense.',
  'Part time companion, full time student.',
  "I'm passionate about music, dancing and my cat.",
  'Football fan, so no bookings during the match!',
  'Down to earth with a wicked sense of humour.',
  'Natural {hair} hair, green eyes and a warm smile.',
  "I'm told I'm a great listener.",
  'I love the theatre, live music and a good pub quiz.',
  'Fluent in sarcasm and good at making you feel at ease.',
  'Recently started, still finding my feet, be kind.',
  "I'm tall, in heels even taller.",
  'Mum of two, so my time is precious and so is yours.',
  "I've a colourful wardrobe and love dressing up for dinner.",
  "I'm a massage therapist by training.",
] as const;

export const SERVICES = [
  'I offer a relaxed GFE with plenty of cuddles.',
  'GFE and companionship for gentlemen who appreciate good company.',
  'Dinner dates, social events and overnights by arrangement.',
  'Relaxing full body massage available.',
  'Sensual massage with warm oils.',
  'Perfect for a stress-free hour after work.',
  'Happy to be your plus one for dinner or drinks.',
  'I offer companionship, conversation and a lovely relaxed time.',
  'Long bookings are my favourite – no clock watching.',
  'Couples welcome by arrangement.',
  "I'm happy to travel for dinner dates and longer bookings.",
  'Travel companion for weekends away, just ask.',
  'First timers and nervous gents very welcome.',
  'Ground floor flat, wheelchair accessible.',
  'Massage, GFE and a lot of laughs.',
  'Please ask about services by text.',
  'Girlfriend experience, unhurried and warm.',
  'Deep tissue or relaxing massage, your choice.',
  'Overnights and weekend bookings available with notice.',
  'Cuddles, chats and good company.',
  'Open-minded but I have my boundaries, please ask politely.',
] as const;

export const LOCATIONS = [
  'Incalls in {town} centre.',
  'Incalls from my private, discreet flat in {town}.',
  'Based in {town}, outcalls within 10 miles.',
  'Outcalls only, hotels and homes in and around {town}.',
  'Incall and outcall, {town} and surrounding areas.',
  'Clean, discreet apartment near {town} station with parking.',
  'Hotel visits in {town} welcome.',
  'I can host in {town} or come to you.',
  'Incalls only at the moment.',
  'Easy to find, 5 minutes from the motorway.',
  'Free parking right outside.',
  'Location in {town}, full address given on booking.',
  '{town} city centre incalls.',
  'Outcalls to {town} hotels, taxi fare on top.',
  'Quiet residential street, very discreet.',
  'Private apartment, no other girls, just me.',
] as const;

export const PRICES = [
  '£{p30} half hour, £{p60} an hour.',
  'Rates: 30 mins £{p30} / 1 hour £{p60}. Overnights POA.',
  '30min {p30} | 1hr {p60}',
  'Half hour £{p30}, hour £{p60}, longer bookings by arrangement.',
  '£{p60} per hour, no half hours.',
  'Prices start from £{p30}.',
  '{p30} for 30, {p60} for the hour.',
  'Hourly rate £{p60}, outcalls plus taxi.',
  'Rates on my profile page, please don’t haggle.',
  'No negotiating on price please.',
  '£{p30}/30 £{p60}/60',
  '1 hour – £{p60}. 30 mins – £{p30}.',
  'From £{p60}ph.',
] as const;

export const AVAILABILITY = [
  'Available {hours}.',
  'Working {hours}, bookings ahead preferred.',
  'My hours: {hours}.',
  'Usually about {hours}, text to check.',
  'I work {hours}.',
  'Same day bookings welcome, {hours}.',
  'Daytimes during school hours only.',
  'Evenings and weekends mostly.',
  'Available most days, just text to check.',
  'Hours vary week to week, message me.',
  'Please book at least an hour ahead.',
] as const;

/** Common boilerplate shared by all kinds of advertiser. */
export const RULES = [
  'No withheld numbers.',
  'No withheld or private numbers please.',
  'Texts only please.',
  "Text first, I can't always answer calls.",
  'Calls preferred, no texts.',
  'Please be respectful.',
  'Please be polite and respectful, manners cost nothing.',
  'Discreet and clean.',
  'Clean and discreet location.',
  'Hygiene is a must.',
  'Shower available.',
  'No time wasters please.',
  "Please don't ask for discounts.",
  'Please read my profile before messaging.',
  'No drink or drugs, sorry.',
  'Cash on arrival please.',
  'Please text with your name, time and length of booking.',
  'Bookings at least 30 minutes in advance.',
  "Please don't message asking for more pics.",
  'WhatsApp preferred.',
  'No under 21s, no exceptions.',
  "Respect my boundaries and we'll get on great.",
  'Gentlemen only, please.',
  'No withheld numbers, no texts in text speak!',
  'Clean, safe and discreet.',
  'I reply to everyone, give me a moment.',
  'Please be on time, I run a tight diary.',
] as const;

export const SCREENING = [
  'I screen all clients for my safety.',
  'New clients may be asked for a reference.',
  "I use a screening service, please don't be offended.",
  'First-time clients please send a short intro with your name and age.',
  'Verification required for first bookings.',
] as const;

/** Movement language: common among touring independents (a counter-indicator in research). */
export const MOVEMENT = [
  'Touring {town} this week!',
  'Visiting {town} until {day}.',
  'New in town for a few days only.',
  'On tour: {town} now, {next} next.',
  'Back in {town} by popular demand.',
  'Just arrived in {town}, limited time only.',
  'Leaving {day}, so book early.',
  'My touring dates are on my profile.',
  'Here in {town} for three nights.',
  'In {town} this week, {next} after that.',
  'Only in {town} until {day}!',
] as const;

/** Movement language used now and then by advertisers who do not tour. */
export const SETTLED_MOVEMENT = [
  'New in town!',
  'Just moved to {town}.',
  'New to the site.',
  'Limited availability this month.',
] as const;

/** Innocent statements of nationality (most independents who state one do it this way). */
export const NATIONALITY_STATEMENTS = [
  "I'm a {nat} {noun} living in {town}.",
  "I'm {nat}, living in the UK for {years} years.",
  'Originally from {country}, now settled in {town}.',
  '{nat} and proud, with a bit of an accent.',
  'Half {nat}, half English.',
  'Born in {country}, raised in the UK.',
  'Proud {nat} {noun}, fluent English.',
  "I'm {nat} so expect a warm welcome.",
] as const;

export const BRITISH_STATEMENTS = [
  'Local English {noun}.',
  'English rose, born and bred in {town}.',
  'Proper {town} {noun}, born and bred.',
  "I'm British, local and very discreet.",
  'Scottish lass with a soft accent.',
  'Welsh and proud.',
] as const;

/** Trustworthy-provider language (a tested indicator, but independents use it too). */
export const TRUST = [
  '100% genuine.',
  'Real pics, no fakes.',
  'Genuine photos, what you see is what you get.',
  "Trust me, you won't be disappointed.",
  'All photos are real and recent.',
  'No bait and switch.',
  'I am real, my pictures are real.',
  'Verified photos.',
  '100% real {noun}.',
  'Genuine and honest, no games.',
  'Real person, real photos.',
] as const;

/** Language suggesting youth (a tested indicator; "petite" and "young" are common body words). */
export const YOUTH = [
  'Young and sweet.',
  'Petite and young.',
  'Fresh face, new to this.',
  'New young {noun}.',
  'Sweet young {nat} {noun}.',
  'Petite, fresh and shy.',
  'Young, slim and fun.',
] as const;

export const JUST_EIGHTEEN = ['Just turned 18.', 'Only just 18!', 'Just turned 18 and new here.'];

export const ALWAYS_AVAILABLE = [
  'Available 24/7.',
  'Open 24/7.',
  'Day and night, any time.',
  '24 hours, call any time.',
  'Available now, day or night.',
] as const;

/** Third-party or plural voice about "girls", as networks and some agencies write. */
export const THIRD_PARTY = [
  'New girls in {town} this week.',
  'Our girls are friendly and waiting for you.',
  'We have new girls every week.',
  'Lovely {nat} girls available now.',
  'Come see us.',
  'Ask for {name}.',
  'Many girls, call for details.',
  '{name} is new with us.',
  'New arrivals today!',
] as const;

/** Nationality as marketing (a tested indicator with a high bias risk). */
export const ETHNIC_MARKETING = [
  '100% {nat}.',
  'Real {nat} girl.',
  'Exotic {nat} beauty.',
  'Beautiful {nat} girl new in {town}.',
  'Sexy {nat} {noun}.',
  '{nat} girl, very sweet.',
] as const;

/** English written by people for whom it is not a first language (migrant independents too). */
export const SECOND_LANGUAGE = [
  'I am {name}, {age} years.',
  'I am very nice and sweet girl.',
  'I like meet new people.',
  'Come to me for relax.',
  'I wait you in my private flat.',
  'Call me, I am waiting for you.',
  'Very good massage, you will be happy.',
  'Nice flat, clean and discreet.',
  'I am new here, available now.',
  'My English is little but I understand.',
  'Only gentlemen, no rude people please.',
  'Good time for you.',
  'Hello my love, I am {name}.',
  'I am {age} years old {nat} girl.',
  'Very beautiful and friendly, come to see me.',
  'Massage and relax, very good service.',
] as const;

/** Duo voice: two friends advertising together (plural voice is innocent here). */
export const DUO_LINES = [
  "We're {name} and {name2}, two friends who work together.",
  'Come see us, {name} and {name2}, for double the fun and laughs.',
  'Best friends {name} & {name2} offering duo bookings.',
  'We work together for safety and company.',
  'Book one of us or both of us.',
  'We are {adj} and {adj2} and love a giggle.',
  'Duo bookings by arrangement, singles available too.',
  'Two {adj} ladies sharing a discreet flat in {town}.',
  "We've known each other for years and it shows.",
] as const;

export const AGENCY_NAME_FIRST = [
  'Velvet', 'Orchid', 'Silk', 'Crimson', 'Pearl', 'Ivory', 'Amber', 'Diamond', 'Scarlet',
  'Honey', 'Royal', 'Secret', 'Golden', 'Midnight', 'Sapphire', 'Rose', 'Lotus', 'Cherry',
  'Elite', 'Angel', 'Jasmine', 'Opal', 'Serenity', 'Heaven', 'Bamboo', 'Oasis',
] as const;

export const AGENCY_NAME_SECOND = [
  'Rooms', 'Lounge', 'House', 'Spa', 'Massage', 'Club', 'Escorts', 'Companions', 'Studio',
  'Retreat', 'Sauna', 'Parlour', 'Agency', 'Suite',
] as const;

export const AGENCY_HEADERS = [
  "Welcome to {agency}, {town}'s friendliest parlour.",
  '{agency} – discreet, professional and open 7 days.',
  'At {agency} our ladies offer a warm welcome.',
  '{agency}: relaxing massage in {town} since {years} years.',
  'Established {town} agency with a lovely team of ladies.',
  '{agency}, {town}. Independent-minded ladies, professional reception.',
  '{agency} – {town} centre, private entrance.',
] as const;

export const AGENCY_WORKER = [
  'Meet {name}, {age}, a {adj} {nat} lady.',
  '{name} is {adj} and {adj2} and loves to chat.',
  '{name} joins us this week – {adj} and very popular.',
  'Introducing {name}: {age}, {adj}, {hair} hair.',
  '{name} ({age}) is working {hours}.',
  '{name} is one of our regulars, {adj} and {adj2}.',
  'Today we have {name}, {age}, {hair} hair, {adj}.',
  '{name} offers relaxing massage and GFE.',
  '{name}, {age}, speaks good English and is very {adj}.',
] as const;

export const AGENCY_FOOTERS = [
  'Call reception on {phone} to book.',
  "Call the parlour for today's rota.",
  'Ask reception which ladies are working today.',
  'Walk-ins welcome, or call ahead.',
  'All our ladies are age verified.',
  'Secure parking at the rear.',
  'Professional and discreet, open {hours}.',
  'Showers and towels provided.',
  'Card payments accepted.',
  'Outcalls available, ask reception.',
  'Our ladies work their own hours, please call to check.',
  'Rota updated daily.',
] as const;

export const CONTACT_LINES = [
  'Call or text {phone}.',
  '{phone}',
  'Tel: {phone}',
  'Text me on {phone}.',
  'My number: {phone}',
  'Contact {phone} (texts preferred).',
  '📱 {phone}',
  'Book: {phone}',
  'WhatsApp / text {phone}',
  'Mob {phone}',
  'Call {phone} now.',
] as const;

/** An advertiser explaining why the number is written oddly (privacy, not concealment). */
export const PRIVACY_NOTES = [
  '(number written out because of spam bots)',
  '(sorry for the spacing, scrapers!)',
  '(written like this to stop the bots)',
  '',
  '',
] as const;

export const EMAIL_LINES = [
  'Email: {email}',
  'Or email {email}.',
  '{email} for longer bookings.',
  'Email me at {email}.',
] as const;

export const TODAY_LINES = [
  'Available today from 2pm.',
  'Free now!',
  'Last minute bookings welcome today.',
  'Free this evening.',
  'Only a couple of slots left today.',
  'Back from holiday and taking bookings.',
] as const;

export const SIGN_OFFS = [
  'x', 'xx', 'xxx', 'Hope to meet you soon x', 'Looking forward to hearing from you.', '{name} x',
  'Love, {name} xx', 'Speak soon!', 'See you soon', 'Have a lovely day.', 'Take care, {name}',
  'Thanks for reading!', "Don't be shy, drop me a text.", 'Kisses, {name}',
] as const;

export const TITLES = [
  '{name}, {age} – {town}',
  '{adj} {name} in {town}',
  '{name}',
  '{name} – independent, {town}',
  'Sweet {name}',
  '{town} incalls – {name}',
  '{name} {age} GFE',
  'Relaxing massage by {name}',
  'Your new favourite, {name}',
  '{name} {town}',
  'Classy companion {name}',
  '{name} – outcalls only',
  'NEW {name}',
  "Hi I'm {name}",
  '{adj} and {adj2} {name}',
  '{name}, {town} centre',
] as const;

export const TOUR_TITLES = ['{name} touring {town}', '{name} – visiting {town}', '{name} in {town} this week'];

export const DUO_TITLES = [
  '{name} & {name2}',
  '{name} and {name2} – duo in {town}',
  'Best friends {name} & {name2}',
  'Duo {name} + {name2}, {town}',
] as const;

export const AGENCY_TITLES = [
  '{agency} – {name}',
  '{name} at {agency}',
  '{agency} {town}: {name}, {age}',
  '{name} @ {agency}',
  'New at {agency}: {name}',
] as const;

export const NETWORK_TITLES = [
  '{name} {age} NEW',
  'New girl {name} in {town}',
  '{name} – {nat} – {town}',
  'Sweet {name} {age}',
  '{name} 💋 {town}',
  'NEW IN {town} {name}',
  '{name}, {age}, {town}',
  'Beautiful {name}',
  '{name} massage {town}',
] as const;

export const MOBILE_HANDLE_WORDS = ['x', 'uk', 'ldn', 'xo', 'real', 'vip', 'official', 'luv'] as const;

/** Fictional email domains (RFC 2606 reserved names and a reserved-looking host). */
export const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example'] as const;
