import { countSegments } from '@sms/contracts';
import { countryOfNumber } from '@sms/contracts';
import { digits, pick, Random } from './random';

export interface OutgoingSms {
  messageId: string;
  to: string;
  // The destination country as the ledger will see it (null: the rate card's default applies).
  country: string | null;
  body: string;
  encoding: 'gsm7' | 'ucs2';
  segments: number;
}

// Gateways cap a message at three parts [004].
export const MAX_PARTS = 3;

// Mobile ranges per country, as prefix + number of digits that follow. The first seven digits fix
// the country, which is how the ledger resolves (and caches) it.
const NUMBER_PLANS: readonly { country: string; prefix: string; rest: number; weight: number }[] = [
  { country: 'IT', prefix: '+39347', rest: 7, weight: 30 },
  { country: 'IT', prefix: '+39320', rest: 7, weight: 10 },
  { country: 'GB', prefix: '+447400', rest: 6, weight: 12 },
  { country: 'DE', prefix: '+49151', rest: 8, weight: 12 },
  { country: 'US', prefix: '+1212555', rest: 4, weight: 8 },
  { country: 'US', prefix: '+1646555', rest: 4, weight: 4 },
  { country: 'FR', prefix: '+33612', rest: 6, weight: 10 },
  { country: 'ES', prefix: '+34612', rest: 6, weight: 6 },
  { country: 'BR', prefix: '+5511912', rest: 6, weight: 8 },
];
const TOTAL_WEIGHT = NUMBER_PLANS.reduce((sum, plan) => sum + plan.weight, 0);

const NAMES = ['Giulia', 'Marco', 'José', 'François', 'Jürgen', 'Łukasz', 'Siobhán', 'Zoë', 'Ana', 'Oliver'];
const BRANDS = ['Acme', 'Pizzeria Da Enzo', 'Café Müller', 'NorthBank', 'FitClub'];

const PROMO_SENTENCES = [
  'Our spring sale starts today with discounts on every collection.',
  'Show this message in store or use the link in your account to claim the offer.',
  'Free delivery on orders over 50 EUR until the end of the month.',
  'Members get early access to new arrivals and a birthday gift.',
  'Reply STOP to stop receiving these messages.',
  "Don't miss it: stock is limited and the best sizes go first!",
  'Visit us at Via Roma 12, open every day from 9:00 to 20:00.',
];

const UNICODE_SENTENCES = [
  'Zażółć gęślą jaźń — promocja tylko dziś!',
  'Ça coûte moins cher cette semaine, profitez-en 😉',
  'Größte Auswahl, kleinste Preise — nur diese Woche 🛒',
  'Ваш заказ готов к выдаче.',
  '¡Oferta especial! Descuento en toda la tienda 🎁',
  'Merci pour votre fidélité ✨',
];

type BodyKind = 'otp' | 'reminder' | 'promo' | 'extension' | 'emoji' | 'unicode';
const KINDS: readonly BodyKind[] = ['otp', 'otp', 'reminder', 'promo', 'extension', 'emoji', 'unicode'];

// Realistic traffic: OTPs and reminders (GSM-7, one part, accented letters GSM-7 has), long
// promotions (two or three parts), GSM-7 extension characters (count twice), emoji and non-Latin
// text (UCS-2), numbers from several countries.
export class MessageFactory {
  constructor(
    private readonly random: Random,
    private readonly campaignId: string,
  ) {}

  message(index: number): OutgoingSms {
    const to = this.number();
    const body = capParts(this.body(pick(this.random, KINDS)));
    const count = countSegments(body);
    return {
      messageId: `${this.campaignId}:${index}`,
      to,
      country: countryOfNumber(to),
      body,
      encoding: count.encoding,
      segments: count.segments,
    };
  }

  private number(): string {
    let roll = this.random() * TOTAL_WEIGHT;
    const plan = NUMBER_PLANS.find((candidate) => (roll -= candidate.weight) < 0) ?? NUMBER_PLANS[0];
    // Avoid a leading run of zeros, which some plans reserve.
    return `${plan.prefix}${1 + Math.floor(this.random() * 9)}${digits(this.random, plan.rest - 1)}`;
  }

  private body(kind: BodyKind): string {
    const name = pick(this.random, NAMES);
    const brand = pick(this.random, BRANDS);
    switch (kind) {
      case 'otp':
        return `Your ${brand} code is ${digits(this.random, 6)}. It expires in 10 minutes. Do not share it.`;
      case 'reminder':
        return `Ciao ${name}, ti ricordiamo l'appuntamento di domani alle ${10 + Math.floor(this.random() * 8)}:30. Più tardi? Rispondi NO. Grazie e a presto! ${brand}`;
      case 'promo':
        return this.sentences(PROMO_SENTENCES, 160 + Math.floor(this.random() * 290), `${brand}: `);
      case 'extension':
        return `${brand}: use code {SAVE${10 + Math.floor(this.random() * 40)}} at checkout [online only] ~ 20€ off orders over 100€.`;
      case 'emoji':
        return `🎉 ${name}, -${10 + Math.floor(this.random() * 50)}% su tutto fino a domenica! 🛍️`;
      case 'unicode':
        return this.sentences(UNICODE_SENTENCES, 60 + Math.floor(this.random() * 140), `${name}, `);
    }
  }

  private sentences(pool: readonly string[], targetLength: number, opening: string): string {
    let text = opening;
    while (text.length < targetLength) {
      text += `${pick(this.random, pool)} `;
    }
    return text.trimEnd();
  }
}

// Drops whole words from the end until the message fits in MAX_PARTS segments.
export function capParts(body: string): string {
  let text = body;
  while (countSegments(text).segments > MAX_PARTS) {
    const cut = text.lastIndexOf(' ');
    text = cut > 0 ? text.slice(0, cut) : text.slice(0, text.length - 1);
  }
  return text;
}
