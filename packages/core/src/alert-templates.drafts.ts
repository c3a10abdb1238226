import type { AlertTemplates } from "./alerts.ts";

/**
 * Alert SMS templates in twelve languages besides English, machine-drafted and NOT yet
 * reviewed by community translators; staff see this marked in the composer.
 */
export const ALERT_TEMPLATE_DRAFTS: Record<string, AlertTemplates> = {
  es: {
    kinds: {
      activity_confirmed:
        "CONFIRMADO: agentes de inmigración en {area}, {window}. No abra la puerta. Guarde silencio. No firme. Ayuda: {hotline}",
      activity_unconfirmed:
        "SIN CONFIRMAR: reporte de agentes de inmigración en {area}, {window}. Lo estamos verificando. No lo comparta aún. Ayuda: {hotline}",
      rumor_false:
        "FALSO: el reporte de agentes de inmigración en {area}, {window}, fue verificado y no es cierto. No lo comparta. Ayuda: {hotline}",
      all_clear:
        "FIN DE ALERTA: la actividad en {area} terminó. Conozca sus derechos, siempre. Ayuda: {hotline}",
      retraction:
        "CORRECCIÓN: nuestra alerta anterior sobre {area} era errónea. Ignórela y no la comparta. Ayuda: {hotline}",
      announcement: "{area}: ",
    },
    footer: "Verifique el código {code} en {url} - STOP para terminar",
  },
  pl: {
    kinds: {
      activity_confirmed:
        "POTWIERDZONE: agenci imigracyjni w {area}, {window}. Nie otwieraj drzwi. Zachowaj milczenie. Nic nie podpisuj. Pomoc: {hotline}",
      activity_unconfirmed:
        "NIEPOTWIERDZONE: zgłoszenie o agentach imigracyjnych w {area}, {window}. Sprawdzamy. Nie udostępniaj jeszcze. Pomoc: {hotline}",
      rumor_false:
        "NIEPRAWDA: sprawdziliśmy zgłoszenie o agentach imigracyjnych w {area}, {window}, i jest fałszywe. Nie udostępniaj go. Pomoc: {hotline}",
      all_clear:
        "ODWOŁANIE ALARMU: działania w {area} zakończone. Zawsze znaj swoje prawa. Pomoc: {hotline}",
      retraction:
        "SPROSTOWANIE: nasz poprzedni alert dla {area} był błędny. Zignoruj go i nie udostępniaj. Pomoc: {hotline}",
      announcement: "{area}: ",
    },
    footer: "Sprawdź kod {code} na {url} - STOP, aby zakończyć",
  },
  "zh-Hant": {
    kinds: {
      activity_confirmed:
        "已證實：{area}有移民執法人員（{window}）。不要開門。保持沉默。不要簽任何文件。求助：{hotline}",
      activity_unconfirmed:
        "尚未證實：有人通報{area}有移民執法人員（{window}）。我們正在核實，請暫勿轉發。求助：{hotline}",
      rumor_false:
        "不實：關於{area}有移民執法人員的通報（{window}）經查證不屬實。請勿轉發。求助：{hotline}",
      all_clear: "解除警報：{area}的執法行動已結束。隨時了解您的權利。求助：{hotline}",
      retraction: "更正：我們先前關於{area}的警報有誤。請忽略，也請勿轉發。求助：{hotline}",
      announcement: "{area}: ",
    },
    footer: "請在{url}核對代碼{code} · 回覆STOP退訂",
  },
  "zh-Hans": {
    kinds: {
      activity_confirmed:
        "已证实：{area}有移民执法人员（{window}）。不要开门。保持沉默。不要签任何文件。求助：{hotline}",
      activity_unconfirmed:
        "尚未证实：有人报告{area}有移民执法人员（{window}）。我们正在核实，请暂勿转发。求助：{hotline}",
      rumor_false:
        "不实：关于{area}有移民执法人员的报告（{window}）经核实不属实。请勿转发。求助：{hotline}",
      all_clear: "解除警报：{area}的执法行动已结束。随时了解您的权利。求助：{hotline}",
      retraction: "更正：我们之前关于{area}的警报有误。请忽略，也请勿转发。求助：{hotline}",
      announcement: "{area}: ",
    },
    footer: "请在{url}核对代码{code} · 回复STOP退订",
  },
  ar: {
    kinds: {
      activity_confirmed:
        "مؤكد: عملاء الهجرة في {area}، {window}. لا تفتح الباب. التزم الصمت. لا توقع على شيء. للمساعدة: {hotline}",
      activity_unconfirmed:
        "غير مؤكد بعد: بلاغ عن عملاء الهجرة في {area}، {window}. نحن نتحقق منه. يرجى عدم نشره الآن. للمساعدة: {hotline}",
      rumor_false:
        "كاذب: تحققنا من البلاغ عن عملاء الهجرة في {area}، {window}، وهو غير صحيح. يرجى عدم نشره. للمساعدة: {hotline}",
      all_clear: "زال الخطر: انتهى النشاط في {area}. اعرف حقوقك دائما. للمساعدة: {hotline}",
      retraction:
        "تصحيح: تنبيهنا السابق بشأن {area} كان خاطئا. يرجى تجاهله وعدم نشره. للمساعدة: {hotline}",
      announcement: "{area}: ",
    },
    footer: "تحقق من الرمز {code} على {url} · STOP للإيقاف",
  },
  ko: {
    kinds: {
      activity_confirmed:
        "확인됨: {area}에 이민 단속 요원 출현({window}). 문을 열지 마세요. 침묵하세요. 서명하지 마세요. 도움: {hotline}",
      activity_unconfirmed:
        "미확인: {area}에 이민 단속 요원이 있다는 제보({window}). 확인 중입니다. 아직 공유하지 마세요. 도움: {hotline}",
      rumor_false:
        "허위: {area}의 이민 단속 요원 제보({window})는 확인 결과 사실이 아닙니다. 공유하지 마세요. 도움: {hotline}",
      all_clear:
        "상황 종료: {area}의 단속 활동이 끝났습니다. 항상 권리를 알아두세요. 도움: {hotline}",
      retraction:
        "정정: {area}에 관한 이전 알림은 잘못되었습니다. 무시하고 공유하지 마세요. 도움: {hotline}",
      announcement: "{area}: ",
    },
    footer: "{url}에서 코드 {code} 확인 · 수신 중단은 STOP",
  },
  tl: {
    kinds: {
      activity_confirmed:
        "KUMPIRMADO: may ahente ng imigrasyon sa {area}, {window}. Huwag buksan ang pinto. Manahimik. Huwag pumirma. Tulong: {hotline}",
      activity_unconfirmed:
        "HINDI PA KUMPIRMADO: may ulat ng ahente ng imigrasyon sa {area}, {window}. Sinusuri pa namin. Huwag munang ibahagi. Tulong: {hotline}",
      rumor_false:
        "MALI: ang ulat ng ahente ng imigrasyon sa {area}, {window}, ay nasuri at hindi totoo. Huwag itong ibahagi. Tulong: {hotline}",
      all_clear:
        "LIGTAS NA: tapos na ang aktibidad sa {area}. Alamin lagi ang iyong karapatan. Tulong: {hotline}",
      retraction:
        "PAGTUTUWID: mali ang nauna naming alerto tungkol sa {area}. Huwag itong pansinin at huwag ibahagi. Tulong: {hotline}",
      announcement: "{area}: ",
    },
    footer: "Suriin ang code {code} sa {url} - STOP para huminto",
  },
  uk: {
    kinds: {
      activity_confirmed:
        "ПІДТВЕРДЖЕНО: імміграційні агенти в {area}, {window}. Не відчиняйте двері. Мовчіть. Нічого не підписуйте. Допомога: {hotline}",
      activity_unconfirmed:
        "НЕ ПІДТВЕРДЖЕНО: повідомлення про імміграційних агентів в {area}, {window}. Ми перевіряємо. Поки не поширюйте. Допомога: {hotline}",
      rumor_false:
        "НЕПРАВДА: повідомлення про імміграційних агентів в {area}, {window}, перевірено, воно хибне. Не поширюйте його. Допомога: {hotline}",
      all_clear:
        "ВІДБІЙ ТРИВОГИ: дії в {area} завершено. Завжди знайте свої права. Допомога: {hotline}",
      retraction:
        "ВИПРАВЛЕННЯ: наше попереднє сповіщення щодо {area} було помилковим. Ігноруйте його й не поширюйте. Допомога: {hotline}",
      announcement: "{area}: ",
    },
    footer: "Перевірте код {code} на {url} · STOP для відписки",
  },
  hi: {
    kinds: {
      activity_confirmed:
        "पुष्टि हुई: {area} में इमिग्रेशन एजेंट ({window})। दरवाज़ा न खोलें। चुप रहें। कुछ भी साइन न करें। मदद: {hotline}",
      activity_unconfirmed:
        "अभी पुष्टि नहीं: {area} में इमिग्रेशन एजेंट होने की खबर ({window})। हम जाँच कर रहे हैं। कृपया अभी शेयर न करें। मदद: {hotline}",
      rumor_false:
        "झूठी खबर: {area} में इमिग्रेशन एजेंट होने की खबर ({window}) जाँच में सच नहीं निकली। कृपया शेयर न करें। मदद: {hotline}",
      all_clear: "खतरा टला: {area} में कार्रवाई खत्म हो गई है। हमेशा अपने अधिकार जानें। मदद: {hotline}",
      retraction:
        "सुधार: {area} के बारे में हमारा पिछला अलर्ट गलत था। कृपया इसे अनदेखा करें और शेयर न करें। मदद: {hotline}",
      announcement: "{area}: ",
    },
    footer: "कोड {code} को {url} पर जाँचें · रोकने के लिए STOP",
  },
  ur: {
    kinds: {
      activity_confirmed:
        "تصدیق شدہ: {area} میں امیگریشن ایجنٹ ({window})۔ دروازہ نہ کھولیں۔ خاموش رہیں۔ کسی چیز پر دستخط نہ کریں۔ مدد: {hotline}",
      activity_unconfirmed:
        "ابھی تصدیق نہیں ہوئی: {area} میں امیگریشن ایجنٹوں کی اطلاع ({window})۔ ہم جانچ کر رہے ہیں۔ براہ کرم ابھی شیئر نہ کریں۔ مدد: {hotline}",
      rumor_false:
        "جھوٹی خبر: {area} میں امیگریشن ایجنٹوں کی اطلاع ({window}) جانچ کے بعد غلط نکلی۔ براہ کرم شیئر نہ کریں۔ مدد: {hotline}",
      all_clear:
        "خطرہ ٹل گیا: {area} میں کارروائی ختم ہو گئی ہے۔ اپنے حقوق ہمیشہ جانیں۔ مدد: {hotline}",
      retraction:
        "تصحیح: {area} کے بارے میں ہمارا پچھلا الرٹ غلط تھا۔ براہ کرم اسے نظر انداز کریں اور شیئر نہ کریں۔ مدد: {hotline}",
      announcement: "{area}: ",
    },
    footer: "کوڈ {code} کو {url} پر چیک کریں · بند کرنے کے لیے STOP",
  },
  ht: {
    kinds: {
      activity_confirmed:
        "KONFIME: ajan imigrasyon nan {area}, {window}. Pa louvri pòt la. Rete an silans. Pa siyen anyen. Èd: {hotline}",
      activity_unconfirmed:
        "POKO KONFIME: gen yon rapò ajan imigrasyon nan {area}, {window}. N ap verifye. Tanpri pa pataje l poko. Èd: {hotline}",
      rumor_false:
        "FO: nou verifye rapò ajan imigrasyon nan {area}, {window}, e li pa vre. Tanpri pa pataje l. Èd: {hotline}",
      all_clear: "ALÈT FINI: aktivite nan {area} fini. Konnen dwa ou, toujou. Èd: {hotline}",
      retraction:
        "KOREKSYON: alèt nou te voye anvan sou {area} pa te kòrèk. Tanpri inyore l epi pa pataje l. Èd: {hotline}",
      announcement: "{area}: ",
    },
    footer: "Verifye kòd {code} sou {url} - STOP pou fini",
  },
  fr: {
    kinds: {
      activity_confirmed:
        "CONFIRMÉ: agents de l'immigration à {area}, {window}. N'ouvrez pas la porte. Gardez le silence. Ne signez rien. Aide: {hotline}",
      activity_unconfirmed:
        "NON CONFIRMÉ: signalement d'agents de l'immigration à {area}, {window}. Vérification en cours. Merci de ne pas partager. Aide: {hotline}",
      rumor_false:
        "FAUX: le signalement d'agents de l'immigration à {area}, {window}, a été vérifié et n'est pas vrai. Ne le partagez pas. Aide: {hotline}",
      all_clear:
        "FIN D'ALERTE: l'activité à {area} est terminée. Connaissez vos droits, toujours. Aide: {hotline}",
      retraction:
        "CORRECTION: notre alerte précédente sur {area} était erronée. Ignorez-la et ne la partagez pas. Aide: {hotline}",
      announcement: "{area}: ",
    },
    footer: "Vérifiez le code {code} sur {url} - STOP pour se désabonner",
  },
};
