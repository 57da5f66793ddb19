import type { SeededRandom } from "../base/random.js";

/**
 * Word stocks for generated titles and artist names. Several scripts on purpose: real catalogs mix
 * them, and clients that truncate, pad or measure titles by UTF-16 units break on exactly these
 * (kana, Hangul, Cyrillic, accented Latin, and emoji outside the BMP).
 */
interface Language {
  /** Title words; a title is one to three of them. */
  readonly words: readonly string[];
  /** Given names or name parts for artists. */
  readonly names: readonly string[];
  /** Family names or second parts; empty when names stand alone. */
  readonly surnames: readonly string[];
  /** Joins words inside a title (no spaces in Japanese). */
  readonly joiner: string;
}

const ENGLISH: Language = {
  words: [
    "Midnight",
    "Echoes",
    "Golden",
    "Hour",
    "Paper",
    "Hearts",
    "Neon",
    "Rain",
    "Summer",
    "Drive",
    "Static",
    "Bloom",
    "Afterglow",
    "Wildfire",
    "Ocean",
    "Eyes",
    "Silver",
    "Lining",
    "Lost",
    "Signal",
    "Velvet",
    "Sky",
    "Running",
    "Home",
    "Glass",
    "City",
    "Slow",
    "Motion",
    "Northern",
    "Lights",
    "Electric",
    "Dreams",
    "Falling",
    "Stars",
    "Broken",
    "Radio",
    "Sugar",
    "Low",
    "Faded",
    "Highway",
  ],
  names: [
    "Ava",
    "Liam",
    "Maya",
    "Noah",
    "Iris",
    "Theo",
    "Nina",
    "Owen",
    "Ruby",
    "Eli",
    "Clara",
    "Jonah",
    "Zoe",
    "Miles",
    "Hazel",
    "Felix",
    "Luna",
    "Oscar",
    "Stella",
    "Jasper",
  ],
  surnames: [
    "Hart",
    "Reyes",
    "Cole",
    "Winter",
    "Lane",
    "Brooks",
    "Vance",
    "Monroe",
    "Hayes",
    "Quinn",
    "Sloane",
    "Archer",
    "Blake",
    "Frost",
    "Rivers",
    "Wells",
    "Knight",
    "Marsh",
    "Stone",
    "Fox",
  ],
  joiner: " ",
};

const SPANISH: Language = {
  words: [
    "Corazón",
    "Canción",
    "Mañana",
    "Noche",
    "Azúcar",
    "Corazones",
    "Fuego",
    "Bailando",
    "Sueño",
    "Más",
    "Allá",
    "Niña",
    "Último",
    "Beso",
    "Pasión",
    "Camión",
    "Luna",
    "Señal",
    "Calle",
    "Río",
  ],
  names: ["José", "Lucía", "Andrés", "Sofía", "Martín", "Ximena", "Tomás", "Inés", "Raúl", "Begoña"],
  surnames: ["Núñez", "Peña", "García", "Ibáñez", "Muñoz", "Sánchez", "Ordóñez", "Álvarez", "Robles"],
  joiner: " ",
};

const JAPANESE: Language = {
  words: [
    "夜明け",
    "さくら",
    "東京",
    "ひかり",
    "夢",
    "花火",
    "青空",
    "ありがとう",
    "星降る夜",
    "メロディー",
    "きみの声",
    "風",
    "残響",
    "ラブソング",
    "雨上がり",
    "シンデレラ",
    "約束",
    "海",
    "月光",
    "はじまり",
  ],
  names: ["あいみょん風", "ヨルシカ風", "Kaede", "ミナミ", "そら", "葵", "ユウキ", "Haruka", "蒼井", "りん"],
  surnames: [],
  joiner: "",
};

const RUSSIAN: Language = {
  words: [
    "Ночь",
    "Звезда",
    "Город",
    "Лето",
    "Любовь",
    "Дорога",
    "Небо",
    "Мечта",
    "Зима",
    "Огни",
    "Весна",
    "Ветер",
    "Танцы",
    "Сердце",
    "Море",
  ],
  names: ["Алиса", "Дмитрий", "Мария", "Иван", "Ольга", "Сергей", "Полина", "Артём"],
  surnames: ["Ветрова", "Орлов", "Соколова", "Лебедев", "Морозова", "Волков"],
  joiner: " ",
};

const KOREAN: Language = {
  words: ["사랑", "밤하늘", "별빛", "여름", "너에게", "기억", "봄날", "우리", "바다", "안녕", "꿈", "하루"],
  names: ["하늘", "민지", "서준", "지우", "유나", "도윤", "수아", "태양"],
  surnames: [],
  joiner: " ",
};

/** Relative weights: mostly Latin-script titles, a healthy minority of others. */
const LANGUAGES: readonly { readonly lang: Language; readonly weight: number }[] = [
  { lang: ENGLISH, weight: 60 },
  { lang: SPANISH, weight: 12 },
  { lang: JAPANESE, weight: 12 },
  { lang: RUSSIAN, weight: 8 },
  { lang: KOREAN, weight: 8 },
];
const TOTAL_WEIGHT = LANGUAGES.reduce((sum, l) => sum + l.weight, 0);

const EMOJI = ["🔥", "🌙", "✨", "🎧", "💜", "🌊", "🚀", "🌸"];
const TITLE_SUFFIXES = [
  "(Official Video)",
  "(Official Audio)",
  "(Lyrics)",
  "(Live)",
  "(Remix)",
  "(Acoustic)",
  "(feat. Luna Hart)",
  "[Extended Mix]",
  "(Remastered 2011)",
  "- Radio Edit",
];
const BAND_PREFIXES = ["The", "Los", "Les"];
const BAND_NOUNS = ["Wolves", "Satellites", "Lanterns", "Parade", "Arcade", "Harbors", "Comets", "Foxes"];

function pickLanguage(random: SeededRandom): Language {
  let roll = random.next() * TOTAL_WEIGHT;
  for (const { lang, weight } of LANGUAGES) {
    roll -= weight;
    if (roll < 0) return lang;
  }
  return ENGLISH;
}

/** A bare song title (no decoration), one to three words in one language. */
export function songTitle(random: SeededRandom): string {
  const lang = pickLanguage(random);
  const count = random.int(1, 3);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(random.pick(lang.words));
  return words.join(lang.joiner);
}

/** An artist name: a person, a band or a one-word act. */
export function artistName(random: SeededRandom): string {
  const lang = pickLanguage(random);
  const roll = random.next();
  if (lang === ENGLISH && roll < 0.25) {
    return `${random.pick(BAND_PREFIXES)} ${random.pick(BAND_NOUNS)}`;
  }
  if (lang.surnames.length > 0 && roll < 0.8) {
    return `${random.pick(lang.names)} ${random.pick(lang.surnames)}`;
  }
  return random.pick(lang.names);
}

/**
 * Optional decoration the way uploads look: a YouTube-style suffix now and then, an emoji rarely.
 * `decorate` is false for catalog sources (Spotify, Apple Music, Deezer) whose titles are clean.
 */
export function decorateTitle(random: SeededRandom, title: string, decorate: boolean): string {
  let out = title;
  if (decorate && random.chance(0.3)) out = `${out} ${random.pick(TITLE_SUFFIXES)}`;
  if (random.chance(0.05)) out = `${out} ${random.pick(EMOJI)}`;
  return out;
}

/** An album or playlist name. */
export function collectionName(random: SeededRandom): string {
  const roll = random.next();
  if (roll < 0.3) return `${songTitle(random)} Mix`;
  if (roll < 0.5) return `Best of ${artistName(random)}`;
  if (roll < 0.65) return `${random.pick(ENGLISH.words)} Vibes ${random.pick(EMOJI)}`;
  return songTitle(random);
}

/** Lower-case ASCII slug for URLs; non-ASCII titles fall back to `fallback`. */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.length > 0 ? slug.slice(0, 60) : fallback;
}
