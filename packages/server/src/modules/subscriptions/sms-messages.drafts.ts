import type { SmsMessages } from "./sms-messages.ts";

/** Machine-drafted, needs community review: SMS replies in Aviso's other languages. */
export const DRAFT_MESSAGES: Record<
  "pl" | "zh-Hant" | "zh-Hans" | "ar" | "ko" | "tl" | "uk" | "hi" | "ur" | "ht" | "fr",
  SmsMessages
> = {
  pl: {
    askConfirm: (areas) =>
      `Alerty Aviso dla ${areas}. Odpowiedz TAK, aby potwierdzic. Moga obowiazywac oplaty za SMS i dane. Odpowiedz STOP, aby zakonczyc.`,
    confirmed: (areas) =>
      `Bedziesz dostawac sprawdzone alerty Aviso dla ${areas}, tylko gdy zespol potwierdzi aktywnosc. STOP - koniec, POMOC - pomoc.`,
    nothingToConfirm:
      "Wyslij JOIN i swoj kod pocztowy (np. JOIN 60623), aby dostawac sprawdzone alerty.",
    areaUnknown:
      "Nie znalezlismy tego obszaru. Wyslij JOIN i kod pocztowy z Chicago, np. JOIN 60623.",
    stopped: "Nie dostaniesz wiecej wiadomosci od Aviso. Wyslij START, aby znow je dostawac.",
    started:
      "Mozesz znow dostawac wiadomosci od Aviso. Wyslij JOIN i kod pocztowy, aby wybrac obszary.",
    help: (hotline) =>
      `Sprawdzone alerty Aviso. Pomoc: ${hotline}, 24h. Tylko potwierdzona aktywnosc, malo SMS. Moga obowiazywac oplaty za SMS i dane. STOP - koniec.`,
    unknown: (hotline) =>
      `Aviso: JOIN + kod pocztowy - alerty, RIGHTS - twoje prawa, POMOC - pomoc, STOP - koniec. Infolinia ${hotline}.`,
    countryRefused: "Przepraszamy, alerty Aviso sa dostepne tylko dla numerow z USA.",
    reportReceived: (receipt, hotline) =>
      `Aviso: zgloszenie przyjete, numer ${receipt}. Wolontariusze sprawdzaja je przed udostepnieniem czegokolwiek. Uwazaj na siebie. Pilne: ${hotline}`,
    reportNeedsPlace:
      "Aviso: podaj miejsce. Wyslij ZGLOS, kod pocztowy i co widzisz. Np. ZGLOS 60623 2 furgonetki na rogu 26th i Pulaski",
  },
  "zh-Hant": {
    askConfirm: (areas) =>
      `Aviso ${areas}警報。回覆「是」確認。可能產生簡訊及數據費用。回覆STOP取消訂閱。`,
    confirmed: (areas) =>
      `您將收到${areas}經查證的Aviso警報，僅在工作人員確認活動時發送。回覆STOP取消訂閱，HELP取得協助。`,
    nothingToConfirm: "傳送JOIN及您的郵遞區號（例如JOIN 60623）即可接收經查證的警報。",
    areaUnknown: "找不到該地區。請傳送JOIN及芝加哥郵遞區號，例如JOIN 60623。",
    stopped: "您將不再收到Aviso的訊息。傳送START可重新接收。",
    started: "您可以再次收到Aviso的訊息。傳送JOIN及郵遞區號以選擇地區。",
    help: (hotline) =>
      `Aviso查證警報。協助專線：${hotline}，24小時。僅發送已確認的活動，訊息很少。可能產生簡訊及數據費用。回覆STOP取消訂閱。`,
    unknown: (hotline) =>
      `Aviso：傳送JOIN+郵遞區號訂閱警報，RIGHTS了解您的權利，HELP取得協助，STOP取消訂閱。熱線${hotline}。`,
    countryRefused: "抱歉，Aviso警報僅限美國電話號碼使用。",
    reportReceived: (receipt, hotline) =>
      `Aviso：已收到您的報告，編號${receipt}。志工查證後才會分享任何內容。請注意安全。緊急：${hotline}`,
    reportNeedsPlace:
      "Aviso：請說明地點。傳送「報告」、郵遞區號及您看到的情況，例如：報告 60623 26街與Pulaski路口有2輛廂型車",
  },
  "zh-Hans": {
    askConfirm: (areas) =>
      `Aviso ${areas}警报。回复“是”确认。可能产生短信和数据费用。回复STOP退订。`,
    confirmed: (areas) =>
      `您将收到${areas}经核实的Aviso警报，仅在工作人员确认活动时发送。回复STOP退订，HELP获取帮助。`,
    nothingToConfirm: "发送JOIN和您的邮编（例如JOIN 60623）即可接收经核实的警报。",
    areaUnknown: "未找到该地区。请发送JOIN和芝加哥邮编，例如JOIN 60623。",
    stopped: "您将不再收到Aviso的消息。发送START可重新接收。",
    started: "您可以再次收到Aviso的消息。发送JOIN和邮编以选择地区。",
    help: (hotline) =>
      `Aviso核实警报。求助：${hotline}，24小时。仅发送已确认的活动，消息很少。可能产生短信和数据费用。回复STOP退订。`,
    unknown: (hotline) =>
      `Aviso：发送JOIN+邮编订阅警报，RIGHTS了解您的权利，HELP获取帮助，STOP退订。热线${hotline}。`,
    countryRefused: "抱歉，Aviso警报仅限美国电话号码。",
    reportReceived: (receipt, hotline) =>
      `Aviso：已收到您的报告，编号${receipt}。志愿者核实后才会分享任何内容。请注意安全。紧急：${hotline}`,
    reportNeedsPlace:
      "Aviso：请说明地点。发送“报告”、邮编和您看到的情况，例如：报告 60623 26街和Pulaski路口有2辆面包车",
  },
  ar: {
    askConfirm: (areas) =>
      `تنبيهات Aviso لـ ${areas}. أرسل نعم للتأكيد. قد تُطبق رسوم الرسائل والبيانات. STOP للإيقاف.`,
    confirmed: (areas) =>
      `ستصلك تنبيهات Aviso لـ ${areas} فقط عندما يؤكد الفريق نشاطا. STOP للإيقاف، HELP للمساعدة.`,
    nothingToConfirm: "أرسل JOIN ورمزك البريدي (مثلا JOIN 60623) لتلقي تنبيهات موثقة.",
    areaUnknown: "لم نجد هذه المنطقة. أرسل JOIN ورمزا بريديا في شيكاغو، مثلا JOIN 60623.",
    stopped: "لن تصلك رسائل أخرى من Aviso. أرسل START للسماح بالرسائل مجددا.",
    started: "يمكنك تلقي رسائل Aviso مجددا. أرسل JOIN ورمزك البريدي لاختيار المناطق.",
    help: (hotline) =>
      `Aviso: تنبيهات موثقة. مساعدة: ${hotline}، 24 ساعة. نشاط مؤكد فقط، رسائل قليلة. قد تُطبق رسوم الرسائل والبيانات. STOP للإيقاف.`,
    unknown: (hotline) =>
      `Aviso: JOIN + الرمز البريدي للتنبيهات، RIGHTS لحقوقك، HELP للمساعدة، STOP للإيقاف. الخط الساخن ${hotline}.`,
    countryRefused: "عذرا، تنبيهات Aviso متاحة فقط لأرقام الهواتف الأمريكية.",
    reportReceived: (receipt, hotline) =>
      `Aviso: تم استلام بلاغك، رقم الإيصال ${receipt}. يتحقق منه متطوعون قبل نشر أي شيء. ابق بأمان. للطوارئ: ${hotline}`,
    reportNeedsPlace:
      "Aviso: حدد المكان. أرسل بلاغ والرمز البريدي وما تراه، مثلا: بلاغ 60623 شاحنتان عند تقاطع 26th وPulaski",
  },
  ko: {
    askConfirm: (areas) =>
      `${areas} Aviso 알림. 확인은 네, 중단은 STOP으로 답장하세요. 문자·데이터 요금 부과 가능.`,
    confirmed: (areas) =>
      `${areas} Aviso 알림은 직원이 활동을 확인할 때만 발송됩니다. 중단은 STOP, 도움말은 HELP.`,
    nothingToConfirm: "검증된 알림을 받으려면 JOIN과 우편번호를 보내세요(예: JOIN 60623).",
    areaUnknown: "해당 지역을 찾지 못했습니다. JOIN과 시카고 우편번호를 보내세요(예: JOIN 60623).",
    stopped: "더 이상 Aviso 메시지를 받지 않습니다. 다시 받으려면 START를 보내세요.",
    started: "Aviso 메시지를 다시 받을 수 있습니다. 지역을 고르려면 JOIN과 우편번호를 보내세요.",
    help: (hotline) =>
      `Aviso 검증 알림. 도움: ${hotline}, 24시간. 확인된 활동만, 적은 메시지. 문자·데이터 요금 부과 가능. 중단은 STOP.`,
    unknown: (hotline) =>
      `Aviso: 알림은 JOIN+우편번호, 권리 안내는 RIGHTS, 도움말은 HELP, 중단은 STOP. 핫라인 ${hotline}.`,
    countryRefused: "죄송합니다. Aviso 알림은 미국 전화번호만 이용할 수 있습니다.",
    reportReceived: (receipt, hotline) =>
      `Aviso: 신고가 접수되었습니다. 접수번호 ${receipt}. 자원봉사자가 확인한 후에만 공유됩니다. 안전에 유의하세요. 긴급: ${hotline}`,
    reportNeedsPlace:
      "Aviso: 장소를 알려 주세요. 신고, 우편번호, 본 내용 순으로 보내세요(예: 신고 60623 26th와 Pulaski에 밴 2대).",
  },
  tl: {
    askConfirm: (areas) =>
      `Mga alerto ng Aviso para sa ${areas}. Sumagot ng OO para kumpirmahin. Maaaring may singil sa msg at data. Sumagot ng STOP para huminto.`,
    confirmed: (areas) =>
      `Makakatanggap ka ng beripikadong alerto ng Aviso para sa ${areas}, kapag kumpirmado lang ng staff. STOP para huminto, TULONG para sa tulong.`,
    nothingToConfirm:
      "I-text ang JOIN at ang iyong ZIP code (halimbawa JOIN 60623) para makatanggap ng beripikadong alerto.",
    areaUnknown:
      "Hindi namin nakita ang lugar na iyon. I-text ang JOIN at isang ZIP code sa Chicago, halimbawa JOIN 60623.",
    stopped:
      "Hindi ka na makakatanggap ng mensahe mula sa Aviso. I-text ang START para payagan ulit ang mga mensahe.",
    started:
      "Makakatanggap ka na ulit ng mensahe mula sa Aviso. I-text ang JOIN at ang iyong ZIP code para pumili ng lugar.",
    help: (hotline) =>
      `Beripikadong alerto ng Aviso. Tulong: ${hotline}, 24h. Kumpirmadong aktibidad lang, kaunting msg. Maaaring may singil sa msg at data. STOP para huminto.`,
    unknown: (hotline) =>
      `Aviso: JOIN + ZIP para sa alerto, RIGHTS para sa iyong karapatan, TULONG para sa tulong, STOP para huminto. Hotline ${hotline}.`,
    countryRefused: "Paumanhin, para lang sa mga numero sa US ang mga alerto ng Aviso.",
    reportReceived: (receipt, hotline) =>
      `Aviso: natanggap ang ulat, resibo ${receipt}. Sinusuri ito ng mga boluntaryo bago may ibahagi. Mag-ingat. Kung apurahan: ${hotline}`,
    reportNeedsPlace:
      "Aviso: sabihin kung saan. I-text ang ULAT, ang ZIP code, at ang nakikita mo. Halimbawa: ULAT 60623 2 van sa 26th at Pulaski",
  },
  uk: {
    askConfirm: (areas) =>
      `Aviso: сповіщення для ${areas}. ТАК - підтвердити. Можлива плата за SMS/дані. STOP - відписка.`,
    confirmed: (areas) =>
      `Сповіщення Aviso для ${areas}: лише підтверджені командою події. STOP - відписка, ДОПОМОГА - довідка.`,
    nothingToConfirm: "Надішліть JOIN і ZIP-код (напр. JOIN 60623) для перевірених сповіщень.",
    areaUnknown: "Район не знайдено. Надішліть JOIN і ZIP-код Чикаго, напр. JOIN 60623.",
    stopped: "Повідомлень від Aviso більше не буде. Надішліть START, щоб знову їх отримувати.",
    started: "Повідомлення Aviso знову дозволено. Надішліть JOIN і ZIP-код, щоб обрати райони.",
    help: (hotline) =>
      `Aviso: лише підтверджені події, мало SMS. Допомога: ${hotline}, 24/7. Можлива плата за SMS/дані. STOP - відписка.`,
    unknown: (hotline) =>
      `Aviso: JOIN + ZIP - сповіщення, RIGHTS - ваші права, ДОПОМОГА - довідка, STOP - відписка. Лінія ${hotline}.`,
    countryRefused: "Вибачте, сповіщення Aviso доступні лише для номерів США.",
    reportReceived: (receipt, hotline) =>
      `Aviso: повідомлення отримано, номер ${receipt}. Волонтери перевіряють його, перш ніж щось поширювати. Бережіть себе. Терміново: ${hotline}`,
    reportNeedsPlace:
      "Aviso: вкажіть місце. Надішліть ПОВІДОМИТИ, ZIP-код і що бачите, напр. ПОВІДОМИТИ 60623 2 фургони на 26th і Pulaski",
  },
  hi: {
    askConfirm: (areas) =>
      `${areas} के लिए Aviso अलर्ट। पुष्टि के लिए हाँ भेजें। संदेश/डेटा शुल्क लग सकते हैं। रोकने के लिए STOP।`,
    confirmed: (areas) =>
      `${areas} के लिए Aviso अलर्ट केवल टीम की पुष्टि के बाद मिलेंगे। रोकने के लिए STOP, मदद के लिए HELP।`,
    nothingToConfirm: "सत्यापित अलर्ट के लिए JOIN और अपना ZIP कोड भेजें (जैसे JOIN 60623)।",
    areaUnknown: "यह क्षेत्र नहीं मिला। JOIN और शिकागो ZIP कोड भेजें, जैसे JOIN 60623।",
    stopped: "Aviso से अब संदेश नहीं आएंगे। फिर से पाने के लिए START भेजें।",
    started: "Aviso से फिर संदेश आ सकते हैं। क्षेत्र चुनने के लिए JOIN और ZIP कोड भेजें।",
    help: (hotline) =>
      `Aviso: केवल पुष्ट गतिविधि के अलर्ट, कम संदेश। मदद: ${hotline}, 24 घंटे। संदेश/डेटा शुल्क लग सकते हैं। STOP से रोकें।`,
    unknown: (hotline) =>
      `Aviso: अलर्ट: JOIN + ZIP, अधिकार: RIGHTS, मदद: HELP, रोकें: STOP। हेल्पलाइन ${hotline}।`,
    countryRefused: "क्षमा करें, Aviso अलर्ट केवल अमेरिकी फोन नंबरों के लिए हैं।",
    reportReceived: (receipt, hotline) =>
      `Aviso: रिपोर्ट मिली, रसीद ${receipt}। कुछ भी साझा करने से पहले स्वयंसेवक इसकी जाँच करते हैं। सुरक्षित रहें। आपात: ${hotline}`,
    reportNeedsPlace:
      "Aviso: जगह बताएं। रिपोर्ट, ZIP कोड और जो दिख रहा है भेजें, जैसे: रिपोर्ट 60623 26th और Pulaski पर 2 वैन",
  },
  ur: {
    askConfirm: (areas) =>
      `${areas} کے لیے Aviso الرٹس۔ تصدیق کے لیے ہاں بھیجیں۔ پیغام/ڈیٹا چارجز لگ سکتے ہیں۔ بند کرنے کے لیے STOP۔`,
    confirmed: (areas) =>
      `آپ کو ${areas} کے لیے Aviso الرٹس صرف عملے کی تصدیق کے بعد ملیں گے۔ STOP سے بند کریں، HELP سے مدد۔`,
    nothingToConfirm: "تصدیق شدہ الرٹس کے لیے JOIN اور اپنا زپ کوڈ بھیجیں (مثلاً JOIN 60623)۔",
    areaUnknown: "یہ علاقہ نہیں ملا۔ JOIN اور شکاگو کا زپ کوڈ بھیجیں، مثلاً JOIN 60623۔",
    stopped: "آپ کو Aviso سے مزید پیغامات نہیں ملیں گے۔ دوبارہ پیغامات کے لیے START بھیجیں۔",
    started: "آپ کو Aviso سے دوبارہ پیغامات مل سکتے ہیں۔ علاقے چننے کے لیے JOIN اور زپ کوڈ بھیجیں۔",
    help: (hotline) =>
      `Aviso: صرف تصدیق شدہ سرگرمی کے الرٹس، کم پیغامات۔ مدد: ${hotline}، 24 گھنٹے۔ پیغام/ڈیٹا چارجز لگ سکتے ہیں۔ STOP سے بند کریں۔`,
    unknown: (hotline) =>
      `Aviso: الرٹس: JOIN + زپ کوڈ، حقوق: RIGHTS، مدد: HELP، بند: STOP۔ ہاٹ لائن ${hotline}۔`,
    countryRefused: "معذرت، Aviso الرٹس صرف امریکی فون نمبروں کے لیے ہیں۔",
    reportReceived: (receipt, hotline) =>
      `Aviso: رپورٹ موصول ہو گئی، رسید ${receipt}۔ کچھ بھی شیئر کرنے سے پہلے رضاکار اس کی جانچ کرتے ہیں۔ محفوظ رہیں۔ ہنگامی: ${hotline}`,
    reportNeedsPlace:
      "Aviso: جگہ بتائیں۔ رپورٹ، زپ کوڈ اور جو دیکھ رہے ہیں بھیجیں، مثلاً: رپورٹ 60623 26th اور Pulaski پر 2 وینیں",
  },
  ht: {
    askConfirm: (areas) =>
      `Alèt Aviso pou ${areas}. Reponn WI pou konfime. Frè mesaj ak done ka aplike. Reponn STOP pou kanpe.`,
    confirmed: (areas) =>
      `W ap resevwa alèt Aviso verifye pou ${areas}, sèlman lè ekip la konfime aktivite. STOP pou kanpe, ED pou èd.`,
    nothingToConfirm: "Voye JOIN ak kòd postal ou (egzanp JOIN 60623) pou resevwa alèt verifye.",
    areaUnknown: "Nou pa jwenn zòn sa a. Voye JOIN ak yon kòd postal Chicago, egzanp JOIN 60623.",
    stopped: "Ou p ap resevwa okenn lòt mesaj nan men Aviso. Voye START pou resevwa mesaj ankò.",
    started: "Ou ka resevwa mesaj Aviso ankò. Voye JOIN ak kòd postal ou pou chwazi zòn.",
    help: (hotline) =>
      `Alèt verifye Aviso. Pou èd: ${hotline}, 24h. Sèlman aktivite konfime, kèk mesaj. Frè mesaj ak done ka aplike. Reponn STOP pou kanpe.`,
    unknown: (hotline) =>
      `Aviso: JOIN + kòd postal pou alèt, RIGHTS pou dwa ou, ED pou èd, STOP pou kanpe. Liy ${hotline}.`,
    countryRefused: "Eskize nou, alèt Aviso yo disponib sèlman pou nimewo telefòn Ozetazini.",
    reportReceived: (receipt, hotline) =>
      `Aviso: nou resevwa rapò a, resi ${receipt}. Volontè verifye l anvan nou pataje anyen. Pran swen tèt ou. Ijans: ${hotline}`,
    reportNeedsPlace:
      "Aviso: di ki kote. Voye RAPO, kòd postal la, epi sa w wè. Egzanp: RAPO 60623 2 kamyonèt nan 26th ak Pulaski",
  },
  fr: {
    askConfirm: (areas) =>
      `Alertes Aviso pour ${areas}. Répondez OUI pour confirmer. Frais SMS et données possibles. Répondez STOP pour vous désabonner.`,
    confirmed: (areas) =>
      `Vous recevrez des alertes Aviso vérifiées pour ${areas}, seulement si l'équipe confirme une activité. STOP pour résilier, AIDE pour l'aide.`,
    nothingToConfirm:
      "Envoyez JOIN et votre code postal (par exemple JOIN 60623) pour recevoir des alertes vérifiées.",
    areaUnknown:
      "Zone introuvable. Envoyez JOIN et un code postal de Chicago, par exemple JOIN 60623.",
    stopped:
      "Vous ne recevrez plus de messages d'Aviso. Envoyez START pour les recevoir à nouveau.",
    started:
      "Vous pouvez à nouveau recevoir les messages d'Aviso. Envoyez JOIN et votre code postal pour choisir des zones.",
    help: (hotline) =>
      `Alertes Aviso vérifiées. Aide : ${hotline}, 24h/24. Activité confirmée uniquement, peu de msgs. Frais SMS et données possibles. STOP pour vous désabonner.`,
    unknown: (hotline) =>
      `Aviso : JOIN + code postal pour les alertes, RIGHTS pour vos droits, AIDE pour de l'aide, STOP pour vous désabonner. Ligne ${hotline}.`,
    countryRefused: "Désolé, les alertes Aviso sont réservées aux numéros américains.",
    reportReceived: (receipt, hotline) =>
      `Aviso : signalement reçu, numéro ${receipt}. Des bénévoles le vérifient avant toute diffusion. Prenez soin de vous. Urgence : ${hotline}`,
    reportNeedsPlace:
      "Aviso : indiquez le lieu. Envoyez SIGNALER, le code postal, puis ce que vous voyez. Exemple : SIGNALER 60623 2 fourgons à l'angle de 26th et Pulaski",
  },
};

/** Machine-drafted, needs community review: the words people text for JOIN, YES, START, HELP and REPORT in those languages (upper case where the script has case). */
export const DRAFT_KEYWORDS: Record<
  "join" | "confirm" | "start" | "help" | "report",
  Record<string, string[]>
> = {
  join: {
    pl: ["DOLACZ", "ZAPISZ", "SUBSKRYBUJ"],
    fr: ["INSCRIRE", "INSCRIPTION", "ABONNER"],
    ht: ["ENSKRI", "ABONE"],
    tl: ["SUMALI", "SALI"],
    uk: ["ПІДПИСКА", "ПІДПИСАТИСЯ", "ПРИЄДНАТИСЯ"],
    ar: ["اشترك", "اشتراك", "انضم"],
    ur: ["شامل", "سبسکرائب"],
    hi: ["शामिल", "सदस्यता"],
    ko: ["가입", "구독"],
    "zh-Hans": ["订阅", "加入"],
    "zh-Hant": ["訂閱", "加入"],
  },
  confirm: {
    pl: ["TAK"],
    fr: ["OUI"],
    ht: ["WI"],
    tl: ["OO", "OPO"],
    uk: ["ТАК"],
    ar: ["نعم"],
    ur: ["ہاں"],
    hi: ["हाँ", "हां"],
    ko: ["네", "예"],
    "zh-Hans": ["是", "是的", "好"],
    "zh-Hant": ["是", "是的", "好"],
  },
  start: {
    pl: ["WZNOW", "WLACZ"],
    fr: ["DEMARRER", "REPRENDRE", "REACTIVER"],
    ht: ["KOMANSE", "KÒMANSE"],
    tl: ["SIMULA", "UMPISA"],
    uk: ["ПОЧАТИ", "ВІДНОВИТИ", "СТАРТ"],
    ar: ["ابدأ", "ابدا"],
    ur: ["شروع"],
    hi: ["शुरू"],
    ko: ["시작", "재개"],
    "zh-Hans": ["开始", "恢复"],
    "zh-Hant": ["開始", "恢復"],
  },
  help: {
    pl: ["POMOC"],
    fr: ["AIDE", "SECOURS"],
    ht: ["ED", "ÈD", "SEKOU"],
    tl: ["TULONG"],
    uk: ["ДОПОМОГА", "ДОВІДКА"],
    ar: ["مساعدة", "مساعده"],
    ur: ["مدد"],
    hi: ["मदद", "सहायता"],
    ko: ["도움", "도움말"],
    "zh-Hans": ["帮助", "求助"],
    "zh-Hant": ["幫助", "求助"],
  },
  report: {
    pl: ["ZGLOS", "ZGŁOŚ", "ZGLOSZENIE"],
    fr: ["SIGNALER", "SIGNALEMENT"],
    ht: ["RAPO", "RAPÒ"],
    tl: ["ULAT", "IULAT", "I-ULAT"],
    uk: ["ПОВІДОМИТИ", "ЗВІТ"],
    ar: ["بلاغ", "إبلاغ", "ابلاغ"],
    ur: ["رپورٹ", "اطلاع"],
    hi: ["रिपोर्ट", "सूचना"],
    ko: ["신고", "제보"],
    "zh-Hans": ["报告", "举报"],
    "zh-Hant": ["報告", "舉報"],
  },
};
