import { DRAFT_MESSAGES } from "./sms-messages.drafts.ts";

/** What Aviso texts back, per language. */
export interface SmsMessages {
  askConfirm(areas: string): string;
  confirmed(areas: string): string;
  nothingToConfirm: string;
  areaUnknown: string;
  stopped: string;
  started: string;
  help(hotline: string): string;
  unknown(hotline: string): string;
  countryRefused: string;
  /** A report by text was stored: its receipt, and that nothing goes out before it is checked. */
  reportReceived(receipt: string, hotline: string): string;
  /** A report by text named no ZIP code or area we know: how to send it again. */
  reportNeedsPlace: string;
}

const en: SmsMessages = {
  askConfirm: (areas) =>
    `Aviso alerts for ${areas}. Reply YES to confirm. Msg&data rates may apply. Reply STOP to stop.`,
  confirmed: (areas) =>
    `You will get verified Aviso alerts for ${areas}, only when staff confirm activity. Reply STOP to stop, HELP for help.`,
  nothingToConfirm: "Text JOIN and your ZIP code (for example JOIN 60623) to get verified alerts.",
  areaUnknown:
    "We did not find that area. Text JOIN and a Chicago ZIP code, for example JOIN 60623.",
  stopped: "You will get no more messages from Aviso. Text START to allow messages again.",
  started: "You can get messages from Aviso again. Text JOIN and your ZIP code to choose areas.",
  help: (hotline) =>
    `Aviso verified alerts. Help: ${hotline}, 24h. Only confirmed activity, few msgs. Msg&data rates may apply. Reply STOP to stop.`,
  unknown: (hotline) =>
    `Aviso: text JOIN + ZIP for alerts, RIGHTS for your rights, HELP for help, STOP to stop. Hotline ${hotline}.`,
  countryRefused: "Sorry, Aviso alerts are only available to US phone numbers.",
  reportReceived: (receipt, hotline) =>
    `Aviso: report received, receipt ${receipt}. Volunteers check it before anything is shared. Stay safe. Urgent: ${hotline}`,
  reportNeedsPlace:
    "Aviso: say where. Text REPORT, the ZIP code, then what you see. Example: REPORT 60623 2 vans at 26th and Pulaski",
};

const es: SmsMessages = {
  askConfirm: (areas) =>
    `Alertas de Aviso para ${areas}. Responda SI para confirmar. Pueden aplicar tarifas. Responda BAJA para dejar de recibir.`,
  confirmed: (areas) =>
    `Recibira alertas verificadas de Aviso para ${areas}, solo cuando el equipo confirme actividad. BAJA para salir, AYUDA para ayuda.`,
  nothingToConfirm:
    "Mande ALTA y su codigo postal (por ejemplo ALTA 60623) para recibir alertas verificadas.",
  areaUnknown:
    "No encontramos esa area. Mande ALTA y un codigo postal de Chicago, por ejemplo ALTA 60623.",
  stopped: "No recibira mas mensajes de Aviso. Mande START para volver a recibirlos.",
  started:
    "Puede volver a recibir mensajes de Aviso. Mande ALTA y su codigo postal para elegir areas.",
  help: (hotline) =>
    `Alertas verificadas de Aviso. Ayuda: ${hotline}, 24h. Solo actividad confirmada. Pueden aplicar tarifas. BAJA para salir.`,
  unknown: (hotline) =>
    `Aviso: ALTA + codigo postal para alertas, DERECHOS para sus derechos, AYUDA, BAJA para salir. Linea ${hotline}.`,
  countryRefused: "Lo sentimos, las alertas de Aviso son solo para numeros de Estados Unidos.",
  reportReceived: (receipt, hotline) =>
    `Aviso: reporte recibido, recibo ${receipt}. Voluntarios lo verifican antes de compartir nada. Cuidese. Urgente: ${hotline}`,
  reportNeedsPlace:
    "Aviso: diga donde. Mande REPORTE, el codigo postal y lo que ve. Ejemplo: REPORTE 60623 2 camionetas en la 26 y Pulaski",
};

/** English and Spanish written with care; the other languages machine-drafted (sms-messages.drafts.ts). */
export const smsMessages = (lang: string): SmsMessages =>
  lang === "es" ? es : (DRAFT_MESSAGES[lang as keyof typeof DRAFT_MESSAGES] ?? en);
