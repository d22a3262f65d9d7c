import type { Language } from "../business-units/localisation.js";
import { type Channel, isChannel, isNotificationEvent, type NotificationEvent } from "./codes.js";
import type { EmailTemplate, SmsTemplate } from "./render.js";
import { withFrenchSpacing } from "./typography.js";

/**
 * Default templates, used until a business unit writes its own.
 *
 * Typography: straight apostrophes everywhere. French emails get a no-break space before `:`, `;`,
 * `?` and `!` through `withFrenchSpacing`. French SMS texts keep ordinary spaces and use only
 * letters of the GSM 03.38 alphabet (é, è, à, ù but not ê, â, ç), so they stay in GSM-7 unless a
 * value adds another character, such as the û of the month août.
 * A line whose codes are all empty is dropped at rendering, so optional details such as the
 * field worker sit on their own line.
 */

interface DefaultTexts {
  email: EmailTemplate;
  sms: string;
}

const lines = (...parts: string[]) => parts.join("\n");

const EN_SIGNATURE = lines("Kind regards,", "{bu.name}", "{bu.phone}", "{bu.email}");
const FR_SIGNATURE = lines("Cordialement,", "{bu.name}", "{bu.phone}", "{bu.email}");

const EN_DETAILS = lines(
  "Visit: {activity.type}",
  "Date: {activity.date} at {activity.time}",
  "Arrival window: {activity.window}",
  "Address: {activity.address}",
  "Technician: {activity.worker}",
  "Reference: {activity.reference}",
);
const FR_DETAILS = lines(
  "Intervention : {activity.type}",
  "Date : {activity.date} à {activity.time}",
  "Arrivée prévue : {activity.window}",
  "Adresse : {activity.address}",
  "Intervenant : {activity.worker}",
  "Référence : {activity.reference}",
);

const EN_PORTAL_LINK = "View this appointment on our customer portal: {portal.link}";
const FR_PORTAL_LINK = "Retrouvez ce rendez-vous sur votre espace client : {portal.link}";

const TEXTS: Record<NotificationEvent, Record<Language, DefaultTexts>> = {
  login_code: {
    en: {
      email: {
        subject: "Your {bu.name} login code",
        body: lines(
          "Hello,",
          "",
          "Your login code for the {bu.name} customer portal is:",
          "",
          "{code}",
          "",
          "You can also sign in with this link: {sign_in.url}",
          "",
          "It expires in {code.minutes} minutes and works only once. Our staff will never ask you for this code, so do not share it with anyone.",
          "",
          "If you did not request this code, you can ignore this email.",
          "",
          "{bu.name}",
        ),
      },
      sms: "{code} is your {bu.name} login code. It expires in {code.minutes} minutes. Our staff will never ask you for it.",
    },
    fr: {
      email: {
        subject: "Votre code de connexion {bu.name}",
        body: lines(
          "Bonjour,",
          "",
          "Votre code de connexion à l'espace client {bu.name} est :",
          "",
          "{code}",
          "",
          "Vous pouvez aussi vous connecter avec ce lien : {sign_in.url}",
          "",
          "Il expire dans {code.minutes} minutes et ne sert qu'une fois. Nos équipes ne vous le demanderont jamais : ne le communiquez à personne.",
          "",
          "Si vous n'avez pas demandé ce code, ignorez simplement cet e-mail.",
          "",
          "{bu.name}",
        ),
      },
      sms: "{code} est votre code de connexion {bu.name}. Il expire dans {code.minutes} minutes. Nos équipes ne vous le demanderont jamais.",
    },
  },

  appointment_booked: {
    en: {
      email: {
        subject: "Appointment confirmed: {activity.date}",
        body: lines(
          "Hello {customer.name},",
          "",
          "Your appointment is confirmed.",
          "",
          EN_DETAILS,
          "",
          EN_PORTAL_LINK,
          "",
          EN_SIGNATURE,
        ),
      },
      sms: lines(
        "{bu.name}: your appointment on {activity.date} at {activity.time} is confirmed.",
        "Details: {portal.link}",
      ),
    },
    fr: {
      email: {
        subject: "Rendez-vous confirmé : {activity.date}",
        body: lines(
          "Bonjour {customer.name},",
          "",
          "Votre rendez-vous est confirmé.",
          "",
          FR_DETAILS,
          "",
          FR_PORTAL_LINK,
          "",
          FR_SIGNATURE,
        ),
      },
      sms: lines(
        "{bu.name} : votre rendez-vous du {activity.date} à {activity.time} est confirmé.",
        "Détails : {portal.link}",
      ),
    },
  },

  appointment_moved: {
    en: {
      email: {
        subject: "Appointment moved to {activity.date}",
        body: lines(
          "Hello {customer.name},",
          "",
          "Your appointment has been moved. Here are the new details:",
          "",
          EN_DETAILS,
          "",
          EN_PORTAL_LINK,
          "",
          EN_SIGNATURE,
        ),
      },
      sms: lines(
        "{bu.name}: your appointment has been moved to {activity.date} at {activity.time}.",
        "Details: {portal.link}",
      ),
    },
    fr: {
      email: {
        subject: "Rendez-vous déplacé au {activity.date}",
        body: lines(
          "Bonjour {customer.name},",
          "",
          "Votre rendez-vous a été déplacé. Voici les nouvelles informations :",
          "",
          FR_DETAILS,
          "",
          FR_PORTAL_LINK,
          "",
          FR_SIGNATURE,
        ),
      },
      sms: lines(
        "{bu.name} : votre rendez-vous a été déplacé au {activity.date} à {activity.time}.",
        "Détails : {portal.link}",
      ),
    },
  },

  appointment_canceled: {
    en: {
      email: {
        subject: "Appointment cancelled: {activity.date}",
        body: lines(
          "Hello {customer.name},",
          "",
          "Your appointment on {activity.date} at {activity.time} has been cancelled.",
          "",
          "Visit: {activity.type}",
          "Address: {activity.address}",
          "Reference: {activity.reference}",
          "",
          "To book a new appointment, go to our customer portal: {portal.url}",
          "",
          EN_SIGNATURE,
        ),
      },
      sms: lines(
        "{bu.name}: your appointment on {activity.date} at {activity.time} has been cancelled.",
        "Book again: {portal.url}",
      ),
    },
    fr: {
      email: {
        subject: "Rendez-vous annulé : {activity.date}",
        body: lines(
          "Bonjour {customer.name},",
          "",
          "Votre rendez-vous du {activity.date} à {activity.time} a été annulé.",
          "",
          "Intervention : {activity.type}",
          "Adresse : {activity.address}",
          "Référence : {activity.reference}",
          "",
          "Pour prendre un nouveau rendez-vous, connectez-vous à votre espace client : {portal.url}",
          "",
          FR_SIGNATURE,
        ),
      },
      sms: lines(
        "{bu.name} : votre rendez-vous du {activity.date} à {activity.time} a été annulé.",
        "Nouveau rendez-vous : {portal.url}",
      ),
    },
  },

  appointment_reminder: {
    en: {
      email: {
        subject: "Reminder: your appointment on {activity.date}",
        body: lines(
          "Hello {customer.name},",
          "",
          "This is a reminder of your upcoming appointment.",
          "",
          EN_DETAILS,
          "",
          EN_PORTAL_LINK,
          "",
          EN_SIGNATURE,
        ),
      },
      sms: lines(
        "{bu.name}: reminder of your appointment on {activity.date} at {activity.time}.",
        "Address: {activity.address}",
        "Details: {portal.link}",
      ),
    },
    fr: {
      email: {
        subject: "Rappel : votre rendez-vous du {activity.date}",
        body: lines(
          "Bonjour {customer.name},",
          "",
          "Nous vous rappelons votre prochain rendez-vous.",
          "",
          FR_DETAILS,
          "",
          FR_PORTAL_LINK,
          "",
          FR_SIGNATURE,
        ),
      },
      sms: lines(
        "{bu.name} : rappel de votre rendez-vous du {activity.date} à {activity.time}.",
        "Adresse : {activity.address}",
        "Détails : {portal.link}",
      ),
    },
  },

  visit_closed_survey: {
    en: {
      email: {
        subject: "How did our visit go?",
        body: lines(
          "Hello {customer.name},",
          "",
          "Thank you for welcoming us on {activity.date}.",
          "",
          "Please tell us how the visit went: {survey.url}",
          "",
          EN_SIGNATURE,
        ),
      },
      sms: "{bu.name}: thank you for welcoming us on {activity.date}. Please tell us how the visit went: {survey.url}",
    },
    fr: {
      email: {
        subject: "Comment s'est passée notre intervention ?",
        body: lines(
          "Bonjour {customer.name},",
          "",
          "Merci de nous avoir accueillis le {activity.date}.",
          "",
          "Donnez-nous votre avis sur l'intervention : {survey.url}",
          "",
          FR_SIGNATURE,
        ),
      },
      sms: "{bu.name} : merci de nous avoir accueillis le {activity.date}. Donnez-nous votre avis : {survey.url}",
    },
  },

  staff_invitation: {
    en: {
      email: {
        subject: "Invitation to join {organization.name} on Rondo",
        body: lines(
          "Hello {user.name},",
          "",
          "{organization.name} has invited you to use Rondo, its scheduling application.",
          "",
          "To accept the invitation, open this link:",
          "{invitation.url}",
          "",
          "If you were not expecting this invitation, you can ignore this email.",
        ),
      },
      sms: "{organization.name} has invited you to use Rondo. To accept, open this link: {invitation.url}",
    },
    fr: {
      email: {
        subject: "Invitation à rejoindre {organization.name} sur Rondo",
        body: lines(
          "Bonjour {user.name},",
          "",
          "{organization.name} vous invite à utiliser Rondo, son application de planification.",
          "",
          "Pour accepter l'invitation, ouvrez ce lien :",
          "{invitation.url}",
          "",
          "Si vous n'attendiez pas cette invitation, ignorez simplement cet e-mail.",
        ),
      },
      sms: "{organization.name} vous invite à utiliser Rondo. Pour accepter, ouvrez ce lien : {invitation.url}",
    },
  },

  portal_event: {
    en: {
      email: {
        subject: "Customer portal: {portal_event.action} ({activity.reference})",
        body: lines(
          "Hello {user.name},",
          "",
          "{customer.name} used the customer portal of {bu.name}: {portal_event.action}.",
          "",
          "Activity: {activity.type} {activity.reference}",
          "Date: {activity.date}, {activity.time}",
          "",
          "Open the activity: {activity.staff_url}",
        ),
      },
      sms: "{customer.name}: {portal_event.action} ({activity.reference}). {activity.staff_url}",
    },
    fr: {
      email: {
        subject: "Portail client : {portal_event.action} ({activity.reference})",
        body: lines(
          "Bonjour {user.name},",
          "",
          "{customer.name} a utilisé le portail client de {bu.name} : {portal_event.action}.",
          "",
          "Activité : {activity.type} {activity.reference}",
          "Date : {activity.date}, {activity.time}",
          "",
          "Ouvrir l'activité : {activity.staff_url}",
        ),
      },
      sms: "{customer.name} : {portal_event.action} ({activity.reference}). {activity.staff_url}",
    },
  },

  password_reset: {
    en: {
      email: {
        subject: "Reset your Rondo password",
        body: lines(
          "Hello {user.name},",
          "",
          "We received a request to reset your Rondo password.",
          "",
          "To choose a new password, open this link within {reset.minutes} minutes:",
          "{reset.url}",
          "",
          "If you did not make this request, ignore this email. Your password stays unchanged.",
        ),
      },
      sms: lines(
        "Rondo: to choose a new password, open this link within {reset.minutes} minutes: {reset.url}",
        "If you did not request it, ignore this message.",
      ),
    },
    fr: {
      email: {
        subject: "Réinitialisation de votre mot de passe Rondo",
        body: lines(
          "Bonjour {user.name},",
          "",
          "Nous avons reçu une demande de réinitialisation de votre mot de passe Rondo.",
          "",
          "Pour choisir un nouveau mot de passe, ouvrez ce lien dans les {reset.minutes} minutes :",
          "{reset.url}",
          "",
          "Si vous n'avez pas fait cette demande, ignorez cet e-mail. Votre mot de passe reste inchangé.",
        ),
      },
      sms: lines(
        "Rondo : pour choisir un nouveau mot de passe, ouvrez ce lien dans les {reset.minutes} minutes : {reset.url}",
        "Si vous n'avez rien demandé, ignorez ce message.",
      ),
    },
  },
};

/**
 * Returns the default template of an event for a channel and language: subject and text for
 * email, text only for SMS. Throws a RangeError for an unknown event, channel or language.
 */
export function defaultTemplate(
  event: NotificationEvent,
  channel: "email",
  language: Language,
): EmailTemplate;
export function defaultTemplate(event: NotificationEvent, channel: "sms", language: Language): SmsTemplate;
export function defaultTemplate(
  event: NotificationEvent,
  channel: Channel,
  language: Language,
): EmailTemplate | SmsTemplate;
export function defaultTemplate(
  event: NotificationEvent,
  channel: Channel,
  language: Language,
): EmailTemplate | SmsTemplate {
  if (!isNotificationEvent(event)) throw new RangeError(`Unknown notification event "${String(event)}".`);
  if (!isChannel(channel)) throw new RangeError(`Unknown channel "${String(channel)}": use email or sms.`);
  const texts = TEXTS[event][language];
  if (!texts) throw new RangeError(`No default templates in language "${String(language)}": use en or fr.`);

  if (channel === "sms") return { body: texts.sms };
  if (language === "fr") {
    return { subject: withFrenchSpacing(texts.email.subject), body: withFrenchSpacing(texts.email.body) };
  }
  return { ...texts.email };
}
