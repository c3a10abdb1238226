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
  /** The "what is true now" page: verified alerts and rumor corrections in force. */
  now: { title: string; intro: string; empty: string };
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
  now: {
    title: "What is true now",
    intro:
      "Verified alerts and corrected rumors in force now. Each names an area and a time, never a person.",
    empty:
      "There are no verified alerts or rumor corrections in force right now. If you hear a rumor, check this page or call the hotline.",
  },
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
  now: {
    title: "Lo que es cierto ahora",
    intro:
      "Alertas verificadas y rumores corregidos vigentes ahora. Cada uno nombra un área y una hora, nunca a una persona.",
    empty:
      "No hay alertas verificadas ni correcciones de rumores vigentes en este momento. Si oye un rumor, revise esta página o llame a la línea de ayuda.",
  },
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
    now: {
      title: "Co jest prawdą teraz",
      intro:
        "Sprawdzone alerty i sprostowane plotki obowiązujące teraz. Każdy podaje obszar i czas, nigdy osobę.",
      empty:
        "Teraz nie ma sprawdzonych alertów ani sprostowań plotek. Jeśli słyszysz plotkę, sprawdź tę stronę lub zadzwoń na infolinię.",
    },
    intro:
      "Co robić, jeśli przyjdą agenci imigracyjni, prostymi słowami. Masz prawa bez względu na status imigracyjny.",
    jurisdiction: {
      us: "Dotyczy całych Stanów Zjednoczonych",
      il: "Dotyczy stanu Illinois",
      chicago: "Dotyczy Chicago",
    },
    review: {
      ...en.review,
      "machine-drafted, needs community review":
        "Tłumaczenie maszynowe, wymaga sprawdzenia przez społeczność.",
    },
    card: "Karta praw do wydruku (PDF)",
    cardHolder: {
      title: "Twoja karta praw",
      lines: [
        "Nie otwieraj drzwi. Poproś o nakaz wsunięty pod drzwi.",
        "Milcz. Nie kłam. Nie pokazuj fałszywych dokumentów.",
        "Nie stawiaj oporu, nawet jeśli wejdą.",
        "Nie podpisuj niczego bez prawnika.",
        "Daj tę kartę funkcjonariuszowi (strona po angielsku).",
        "Zadzwoń na infolinię: 1-855-435-7693, całą dobę.",
      ],
    },
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
    now: {
      title: "現在的真實情況",
      intro: "目前有效的已核實警報和已更正的謠言。每則只說明地區和時間，從不指明個人。",
      empty: "目前沒有有效的已核實警報或謠言更正。如果您聽到謠言，請查看此頁或致電熱線。",
    },
    intro: "移民執法人員來時該怎麼做，用簡單的話說明。無論您的移民身分如何，您都有權利。",
    jurisdiction: { us: "適用於全美國", il: "適用於伊利諾州", chicago: "適用於芝加哥" },
    review: { ...en.review, "machine-drafted, needs community review": "機器翻譯，需要社區審閱。" },
    card: "可列印的權利卡（PDF）",
    cardHolder: {
      title: "您的權利卡",
      lines: [
        "不要開門。請他們把搜查令從門縫下塞進來。",
        "保持沉默。不要說謊。不要出示假文件。",
        "即使他們進來，也不要反抗。",
        "沒有律師在場，不要簽署任何文件。",
        "把這張卡交給官員（英文面）。",
        "撥打熱線：1-855-435-7693，24 小時。",
      ],
    },
    libraryTitle: "了解您的權利",
    notLegalAdvice: "這是一般資訊，不是法律建議。關於您的情況，請致電熱線或律師。",
    hotline: "現在需要幫助？請致電或發簡訊",
    language: "語言",
    allArticles: "所有文章",
    offline: "您目前離線。這是保存在此裝置上的副本。",
    home: "首頁",
  },
  "zh-Hans": {
    now: {
      title: "现在的真实情况",
      intro: "目前有效的已核实警报和已更正的谣言。每则只说明地区和时间，从不指明个人。",
      empty: "目前没有有效的已核实警报或谣言更正。如果您听到谣言，请查看此页或致电热线。",
    },
    intro: "移民执法人员来时该怎么做，用简单的话说明。无论您的移民身份如何，您都有权利。",
    jurisdiction: { us: "适用于全美国", il: "适用于伊利诺伊州", chicago: "适用于芝加哥" },
    review: { ...en.review, "machine-drafted, needs community review": "机器翻译，需要社区审阅。" },
    card: "可打印的权利卡（PDF）",
    cardHolder: {
      title: "您的权利卡",
      lines: [
        "不要开门。请他们把搜查令从门缝下塞进来。",
        "保持沉默。不要说谎。不要出示假文件。",
        "即使他们进来，也不要反抗。",
        "没有律师在场，不要签署任何文件。",
        "把这张卡交给官员（英文面）。",
        "拨打热线：1-855-435-7693，24 小时。",
      ],
    },
    libraryTitle: "了解您的权利",
    notLegalAdvice: "这是一般信息，不是法律建议。关于您的情况，请致电热线或律师。",
    hotline: "现在需要帮助？请致电或发短信",
    language: "语言",
    allArticles: "所有文章",
    offline: "您目前离线。这是保存在此设备上的副本。",
    home: "首页",
  },
  ar: {
    now: {
      title: "ما هو صحيح الآن",
      intro:
        "تنبيهات تم التحقق منها وشائعات تم تصحيحها سارية الآن. كل منها يذكر منطقة ووقتًا، ولا يذكر أي شخص أبدًا.",
      empty:
        "لا توجد الآن تنبيهات تم التحقق منها أو تصحيحات لشائعات. إذا سمعت شائعة، راجع هذه الصفحة أو اتصل بالخط الساخن.",
    },
    intro: "ماذا تفعل إذا جاء عملاء الهجرة، بكلمات بسيطة. لديك حقوق مهما كان وضعك في الهجرة.",
    jurisdiction: {
      us: "ينطبق في جميع أنحاء الولايات المتحدة",
      il: "ينطبق في ولاية إلينوي",
      chicago: "ينطبق في شيكاغو",
    },
    review: {
      ...en.review,
      "machine-drafted, needs community review": "ترجمة آلية، تحتاج إلى مراجعة المجتمع.",
    },
    card: "بطاقة حقوق للطباعة (PDF)",
    cardHolder: {
      title: "بطاقة حقوقك",
      lines: [
        "لا تفتح الباب. اطلب أن يمرروا المذكرة من تحت الباب.",
        "التزم الصمت. لا تكذب. لا تقدم وثائق مزورة.",
        "لا تقاوم، حتى لو دخلوا.",
        "لا توقع على أي شيء دون محامٍ.",
        "أعطِ هذه البطاقة للضابط (الوجه الإنجليزي).",
        "اتصل بالخط الساخن: 1-855-435-7693، على مدار 24 ساعة.",
      ],
    },
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
    now: {
      title: "지금 사실인 것",
      intro:
        "지금 유효한 확인된 경보와 바로잡은 소문입니다. 각 항목은 지역과 시간만 알리며 사람은 절대 밝히지 않습니다.",
      empty:
        "지금은 유효한 확인된 경보나 소문 정정이 없습니다. 소문을 들으면 이 페이지를 확인하거나 핫라인에 전화하세요.",
    },
    intro:
      "이민 단속 요원이 왔을 때 해야 할 일을 쉬운 말로 알려 드립니다. 이민 신분과 관계없이 당신에게는 권리가 있습니다.",
    jurisdiction: { us: "미국 전역에 적용", il: "일리노이주에 적용", chicago: "시카고에 적용" },
    review: {
      ...en.review,
      "machine-drafted, needs community review": "기계 번역이며 커뮤니티 검토가 필요합니다.",
    },
    card: "인쇄용 권리 카드 (PDF)",
    cardHolder: {
      title: "권리 카드",
      lines: [
        "문을 열지 마세요. 영장을 문 아래로 넣어 달라고 하세요.",
        "침묵하세요. 거짓말하지 마세요. 위조 서류를 보여주지 마세요.",
        "그들이 들어와도 저항하지 마세요.",
        "변호사 없이 아무것도 서명하지 마세요.",
        "이 카드를 요원에게 주세요 (영어 면).",
        "핫라인에 전화하세요: 1-855-435-7693, 24시간.",
      ],
    },
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
    now: {
      title: "Ano ang totoo ngayon",
      intro:
        "Mga napatunayang alerto at naitamang tsismis na may bisa ngayon. Bawat isa ay nagsasabi ng lugar at oras, hindi kailanman ng tao.",
      empty:
        "Walang napatunayang alerto o pagtatama ng tsismis ngayon. Kung may marinig kang tsismis, tingnan ang pahinang ito o tumawag sa hotline.",
    },
    intro:
      "Ano ang gagawin kung dumating ang mga ahente ng imigrasyon, sa simpleng salita. May karapatan ka anuman ang iyong katayuan sa imigrasyon.",
    jurisdiction: {
      us: "Para sa buong Estados Unidos",
      il: "Para sa Illinois",
      chicago: "Para sa Chicago",
    },
    review: {
      ...en.review,
      "machine-drafted, needs community review":
        "Isinalin ng makina, kailangang suriin ng komunidad.",
    },
    card: "Rights card na maipi-print (PDF)",
    cardHolder: {
      title: "Ang iyong rights card",
      lines: [
        "Huwag buksan ang pinto. Hilingin na ipasok ang warrant sa ilalim ng pinto.",
        "Manahimik. Huwag magsinungaling. Huwag magpakita ng pekeng papeles.",
        "Huwag lumaban, kahit pumasok sila.",
        "Huwag pumirma ng kahit ano nang walang abogado.",
        "Ibigay ang card na ito sa opisyal (Ingles na bahagi).",
        "Tumawag sa hotline: 1-855-435-7693, 24 oras.",
      ],
    },
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
    now: {
      title: "Що правда зараз",
      intro:
        "Перевірені сповіщення та спростовані чутки, чинні зараз. Кожне називає район і час, ніколи не людину.",
      empty:
        "Зараз немає перевірених сповіщень чи спростувань чуток. Якщо ви чуєте чутку, перевірте цю сторінку або зателефонуйте на гарячу лінію.",
    },
    intro:
      "Що робити, якщо прийдуть імміграційні агенти, простими словами. Ви маєте права незалежно від імміграційного статусу.",
    jurisdiction: {
      us: "Діє по всіх Сполучених Штатах",
      il: "Діє в Іллінойсі",
      chicago: "Діє в Чикаго",
    },
    review: {
      ...en.review,
      "machine-drafted, needs community review": "Машинний переклад, потребує перевірки громадою.",
    },
    card: "Картка прав для друку (PDF)",
    cardHolder: {
      title: "Ваша картка прав",
      lines: [
        "Не відчиняйте двері. Попросіть просунути ордер під двері.",
        "Мовчіть. Не брешіть. Не показуйте фальшивих документів.",
        "Не чиніть опору, навіть якщо вони увійдуть.",
        "Нічого не підписуйте без адвоката.",
        "Дайте цю картку офіцеру (англійська сторона).",
        "Телефонуйте на гарячу лінію: 1-855-435-7693, цілодобово.",
      ],
    },
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
    now: {
      title: "अभी क्या सच है",
      intro:
        "अभी लागू सत्यापित अलर्ट और सुधारी गई अफ़वाहें। हर एक में इलाका और समय होता है, कभी कोई व्यक्ति नहीं।",
      empty:
        "अभी कोई सत्यापित अलर्ट या अफ़वाह सुधार लागू नहीं है। अगर आप कोई अफ़वाह सुनें, तो यह पेज देखें या हॉटलाइन पर कॉल करें।",
    },
    intro: "अगर इमिग्रेशन एजेंट आएँ तो क्या करें, आसान शब्दों में। आपकी इमिग्रेशन स्थिति जो भी हो, आपके अधिकार हैं।",
    jurisdiction: { us: "पूरे संयुक्त राज्य अमेरिका में लागू", il: "इलिनॉय में लागू", chicago: "शिकागो में लागू" },
    review: {
      ...en.review,
      "machine-drafted, needs community review": "मशीन से किया अनुवाद, समुदाय की समीक्षा ज़रूरी है।",
    },
    card: "प्रिंट करने योग्य अधिकार कार्ड (PDF)",
    cardHolder: {
      title: "आपका अधिकार कार्ड",
      lines: [
        "दरवाज़ा न खोलें। वारंट दरवाज़े के नीचे से देने को कहें।",
        "चुप रहें। झूठ न बोलें। नकली कागज़ न दिखाएँ।",
        "विरोध न करें, भले ही वे अंदर आ जाएँ।",
        "वकील के बिना कुछ भी हस्ताक्षर न करें।",
        "यह कार्ड अधिकारी को दें (अंग्रेज़ी वाला हिस्सा)।",
        "हॉटलाइन पर कॉल करें: 1-855-435-7693, 24 घंटे।",
      ],
    },
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
    now: {
      title: "ابھی کیا سچ ہے",
      intro:
        "ابھی نافذ تصدیق شدہ الرٹس اور درست کی گئی افواہیں۔ ہر ایک میں علاقہ اور وقت ہوتا ہے، کبھی کوئی شخص نہیں۔",
      empty:
        "ابھی کوئی تصدیق شدہ الرٹ یا افواہ کی درستی نافذ نہیں ہے۔ اگر آپ کوئی افواہ سنیں تو یہ صفحہ دیکھیں یا ہاٹ لائن پر کال کریں۔",
    },
    intro:
      "اگر امیگریشن ایجنٹ آئیں تو کیا کریں، آسان الفاظ میں۔ آپ کی امیگریشن حیثیت جو بھی ہو، آپ کے حقوق ہیں۔",
    jurisdiction: {
      us: "پورے امریکہ میں لاگو",
      il: "الینوائے میں لاگو",
      chicago: "شکاگو میں لاگو",
    },
    review: {
      ...en.review,
      "machine-drafted, needs community review": "مشینی ترجمہ، کمیونٹی کے جائزے کی ضرورت ہے۔",
    },
    card: "پرنٹ کرنے کے لیے حقوق کارڈ (PDF)",
    cardHolder: {
      title: "آپ کا حقوق کارڈ",
      lines: [
        "دروازہ نہ کھولیں۔ وارنٹ دروازے کے نیچے سے دینے کو کہیں۔",
        "خاموش رہیں۔ جھوٹ نہ بولیں۔ جعلی کاغذات نہ دکھائیں۔",
        "مزاحمت نہ کریں، چاہے وہ اندر آ جائیں۔",
        "وکیل کے بغیر کسی چیز پر دستخط نہ کریں۔",
        "یہ کارڈ افسر کو دیں (انگریزی والا رخ)۔",
        "ہاٹ لائن پر کال کریں: 1-855-435-7693، 24 گھنٹے۔",
      ],
    },
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
    now: {
      title: "Sa ki vre kounye a",
      intro:
        "Alèt ki verifye ak rimè ki korije ki an vigè kounye a. Chak bay yon zòn ak yon lè, janm yon moun.",
      empty:
        "Pa gen alèt ki verifye ni koreksyon rimè kounye a. Si w tande yon rimè, gade paj sa a oswa rele liy èd la.",
    },
    intro:
      "Sa pou w fè si ajan imigrasyon vini, an mo senp. Ou gen dwa kèlkeswa sitiyasyon imigrasyon ou.",
    jurisdiction: {
      us: "Aplike nan tout Etazini",
      il: "Aplike nan Illinois",
      chicago: "Aplike nan Chicago",
    },
    review: {
      ...en.review,
      "machine-drafted, needs community review": "Tradiksyon machin, kominote a dwe revize l.",
    },
    card: "Kat dwa pou enprime (PDF)",
    cardHolder: {
      title: "Kat dwa ou",
      lines: [
        "Pa louvri pòt la. Mande yo pase manda a anba pòt la.",
        "Rete an silans. Pa bay manti. Pa montre fo papye.",
        "Pa reziste, menm si yo antre.",
        "Pa siyen anyen san yon avoka.",
        "Bay ofisye a kat sa a (bò ki an anglè a).",
        "Rele liy èd la: 1-855-435-7693, 24 sou 24.",
      ],
    },
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
    now: {
      title: "Ce qui est vrai maintenant",
      intro:
        "Alertes vérifiées et rumeurs corrigées en vigueur maintenant. Chacune indique un quartier et une heure, jamais une personne.",
      empty:
        "Il n'y a aucune alerte vérifiée ni correction de rumeur en vigueur en ce moment. Si vous entendez une rumeur, consultez cette page ou appelez la ligne d'aide.",
    },
    intro:
      "Que faire si des agents de l'immigration viennent, en mots simples. Vous avez des droits quel que soit votre statut d'immigration.",
    jurisdiction: {
      us: "S'applique dans tous les États-Unis",
      il: "S'applique en Illinois",
      chicago: "S'applique à Chicago",
    },
    review: {
      ...en.review,
      "machine-drafted, needs community review":
        "Traduction automatique, à faire relire par la communauté.",
    },
    card: "Carte de droits à imprimer (PDF)",
    cardHolder: {
      title: "Votre carte de droits",
      lines: [
        "N'ouvrez pas la porte. Demandez qu'on glisse le mandat sous la porte.",
        "Gardez le silence. Ne mentez pas. Ne montrez pas de faux papiers.",
        "Ne résistez pas, même s'ils entrent.",
        "Ne signez rien sans avocat.",
        "Donnez cette carte à l'agent (côté en anglais).",
        "Appelez la ligne d'aide : 1-855-435-7693, 24 h sur 24.",
      ],
    },
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
