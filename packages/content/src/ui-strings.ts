import type { LanguageCode } from "@aviso/core";
import type { REVIEW_STATUSES } from "./article.ts";

/** The words around the articles on the public rights pages, per language. */
export interface RightsUiStrings {
  libraryTitle: string;
  intro: string;
  notLegalAdvice: string;
  hotline: string;
  language: string;
  allArticles: string;
  jurisdiction: Record<"us" | "il" | "chicago", string>;
  review: Record<(typeof REVIEW_STATUSES)[number], string>;
  offline: string;
  card: string;
  home: string;
  /** The holder's side of the printable rights card: a heading and one action per line. */
  cardHolder: { title: string; lines: string[] };
}

/**
 * The officer-facing side of every card, always in English: the holder hands it over or
 * slides it under the door. Written from kyr-facts.md §9 in our own words.
 */
export const CARD_OFFICER_SIDE = {
  title: "To the officer",
  lines: [
    "I am using my right to remain silent. I will not answer your questions.",
    "I do not consent to you entering my home.",
    "I do not consent to a search of me, my car, my home or my things.",
    "I will not sign anything without talking to a lawyer.",
    "I want to speak with a lawyer.",
    "If you have a warrant, please slide it under the door or show it at the window.",
  ],
} as const;

const en: RightsUiStrings = {
  libraryTitle: "Know your rights",
  intro:
    "What to do if immigration agents come, in plain words. You have rights whatever your immigration status.",
  notLegalAdvice:
    "This is general information, not legal advice. For your situation, call the hotline or a lawyer.",
  hotline: "Need help now? Call or text",
  language: "Language",
  allArticles: "All articles",
  jurisdiction: {
    us: "Applies across the United States",
    il: "Applies in Illinois",
    chicago: "Applies in Chicago",
  },
  review: {
    draft: "Not yet reviewed by a lawyer.",
    "machine-drafted, needs community review":
      "Machine-drafted translation, needs community review.",
    "reviewed by counsel": "Reviewed by a lawyer.",
  },
  offline: "You are offline. This is the copy saved on this device.",
  card: "Printable rights card (PDF)",
  home: "Home",
  cardHolder: {
    title: "Your rights card",
    lines: [
      "Do not open the door. Ask for the warrant under the door.",
      "Stay silent. Do not lie. Do not show false papers.",
      "Do not resist, even if they come in.",
      "Do not sign anything without a lawyer.",
      "Give this card to the officer (English side).",
      "Call the hotline: 1-855-435-7693, 24 hours.",
    ],
  },
};

const es: RightsUiStrings = {
  libraryTitle: "Conozca sus derechos",
  intro:
    "Qué hacer si llegan agentes de inmigración, en palabras sencillas. Usted tiene derechos sin importar su situación migratoria.",
  notLegalAdvice:
    "Esta es información general, no asesoría legal. Para su caso, llame a la línea de ayuda o a un abogado.",
  hotline: "¿Necesita ayuda ahora? Llame o mande un texto al",
  language: "Idioma",
  allArticles: "Todos los artículos",
  jurisdiction: {
    us: "Aplica en todo Estados Unidos",
    il: "Aplica en Illinois",
    chicago: "Aplica en Chicago",
  },
  review: {
    draft: "Todavía no lo revisa un abogado.",
    "machine-drafted, needs community review":
      "Traducción automática, falta revisión de la comunidad.",
    "reviewed by counsel": "Revisado por un abogado.",
  },
  offline: "No hay conexión. Esta es la copia guardada en este aparato.",
  card: "Tarjeta de derechos para imprimir (PDF)",
  home: "Inicio",
  cardHolder: {
    title: "Su tarjeta de derechos",
    lines: [
      "No abra la puerta. Pida la orden por debajo de la puerta.",
      "Guarde silencio. No mienta. No muestre documentos falsos.",
      "No se resista, aunque entren.",
      "No firme nada sin un abogado.",
      "Entregue esta tarjeta al oficial (lado en inglés).",
      "Llame a la línea de ayuda: 1-855-435-7693, las 24 horas.",
    ],
  },
};

/**
 * Other languages: machine-drafted, needs community review (like their articles). Each falls
 * back to English for any string it lacks.
 */
const drafts: Partial<Record<LanguageCode, Partial<RightsUiStrings>>> = {
  pl: {
    libraryTitle: "Poznaj swoje prawa",
    notLegalAdvice:
      "To są ogólne informacje, a nie porada prawna. W swojej sprawie zadzwoń na infolinię lub do prawnika.",
    hotline: "Potrzebujesz pomocy teraz? Zadzwoń lub napisz SMS",
    language: "Język",
    allArticles: "Wszystkie artykuły",
    offline: "Brak połączenia. To kopia zapisana na tym urządzeniu.",
    home: "Strona główna",
  },
  "zh-Hant": {
    libraryTitle: "了解您的權利",
    notLegalAdvice: "這是一般資訊，不是法律建議。關於您的情況，請致電熱線或律師。",
    hotline: "現在需要幫助？請致電或發簡訊",
    language: "語言",
    allArticles: "所有文章",
    offline: "您目前離線。這是保存在此裝置上的副本。",
    home: "首頁",
  },
  "zh-Hans": {
    libraryTitle: "了解您的权利",
    notLegalAdvice: "这是一般信息，不是法律建议。关于您的情况，请致电热线或律师。",
    hotline: "现在需要帮助？请致电或发短信",
    language: "语言",
    allArticles: "所有文章",
    offline: "您目前离线。这是保存在此设备上的副本。",
    home: "首页",
  },
  ar: {
    libraryTitle: "اعرف حقوقك",
    notLegalAdvice:
      "هذه معلومات عامة وليست استشارة قانونية. بخصوص حالتك، اتصل بالخط الساخن أو بمحامٍ.",
    hotline: "هل تحتاج إلى مساعدة الآن؟ اتصل أو أرسل رسالة",
    language: "اللغة",
    allArticles: "كل المقالات",
    offline: "أنت غير متصل. هذه النسخة المحفوظة على هذا الجهاز.",
    home: "الرئيسية",
  },
  ko: {
    libraryTitle: "당신의 권리를 알아두세요",
    notLegalAdvice:
      "이것은 일반 정보이며 법률 조언이 아닙니다. 본인 상황에 대해서는 핫라인이나 변호사에게 문의하세요.",
    hotline: "지금 도움이 필요하세요? 전화나 문자",
    language: "언어",
    allArticles: "모든 글",
    offline: "오프라인 상태입니다. 이 기기에 저장된 사본입니다.",
    home: "홈",
  },
  tl: {
    libraryTitle: "Alamin ang iyong mga karapatan",
    notLegalAdvice:
      "Ito ay pangkalahatang impormasyon, hindi legal na payo. Para sa iyong sitwasyon, tumawag sa hotline o sa abogado.",
    hotline: "Kailangan ng tulong ngayon? Tumawag o mag-text",
    language: "Wika",
    allArticles: "Lahat ng artikulo",
    offline: "Offline ka. Ito ang kopyang naka-save sa device na ito.",
    home: "Home",
  },
  uk: {
    libraryTitle: "Знайте свої права",
    notLegalAdvice:
      "Це загальна інформація, а не юридична порада. Щодо вашої ситуації зателефонуйте на гарячу лінію або адвокату.",
    hotline: "Потрібна допомога зараз? Телефонуйте або пишіть",
    language: "Мова",
    allArticles: "Усі статті",
    offline: "Немає з'єднання. Це копія, збережена на цьому пристрої.",
    home: "Головна",
  },
  hi: {
    libraryTitle: "अपने अधिकार जानें",
    notLegalAdvice:
      "यह सामान्य जानकारी है, कानूनी सलाह नहीं। अपनी स्थिति के लिए हॉटलाइन या वकील को कॉल करें।",
    hotline: "अभी मदद चाहिए? कॉल या टेक्स्ट करें",
    language: "भाषा",
    allArticles: "सभी लेख",
    offline: "आप ऑफ़लाइन हैं। यह इस डिवाइस पर सहेजी गई प्रति है।",
    home: "होम",
  },
  ur: {
    libraryTitle: "اپنے حقوق جانیں",
    notLegalAdvice:
      "یہ عمومی معلومات ہیں، قانونی مشورہ نہیں۔ اپنی صورتحال کے لیے ہاٹ لائن یا وکیل کو کال کریں۔",
    hotline: "ابھی مدد چاہیے؟ کال یا میسج کریں",
    language: "زبان",
    allArticles: "تمام مضامین",
    offline: "آپ آف لائن ہیں۔ یہ اس آلے پر محفوظ کاپی ہے۔",
    home: "ہوم",
  },
  ht: {
    libraryTitle: "Konnen dwa ou",
    notLegalAdvice:
      "Sa a se enfòmasyon jeneral, se pa konsèy legal. Pou sitiyasyon ou, rele liy èd la oswa yon avoka.",
    hotline: "Ou bezwen èd kounye a? Rele oswa voye tèks",
    language: "Lang",
    allArticles: "Tout atik yo",
    offline: "Ou pa konekte. Sa a se kopi ki sove sou aparèy sa a.",
    home: "Akèy",
  },
  fr: {
    libraryTitle: "Connaissez vos droits",
    notLegalAdvice:
      "Ceci est une information générale, pas un conseil juridique. Pour votre situation, appelez la ligne d'aide ou un avocat.",
    hotline: "Besoin d'aide maintenant ? Appelez ou envoyez un SMS au",
    language: "Langue",
    allArticles: "Tous les articles",
    offline: "Vous êtes hors ligne. Ceci est la copie enregistrée sur cet appareil.",
    home: "Accueil",
  },
};

export function uiStrings(lang: string): RightsUiStrings {
  if (lang === "es") return es;
  const draft = drafts[lang as LanguageCode] ?? {};
  return { ...en, ...draft };
}
