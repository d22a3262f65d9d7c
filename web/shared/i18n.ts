import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import enActivities from "../locales/en/activities.json";
import enAssistant from "../locales/en/assistant.json";
import enAuth from "../locales/en/auth.json";
import enCatalog from "../locales/en/catalog.json";
import enCommon from "../locales/en/common.json";
import enCustomers from "../locales/en/customers.json";
import enErrors from "../locales/en/errors.json";
import enForms from "../locales/en/forms.json";
import enMessages from "../locales/en/messages.json";
import enPortal from "../locales/en/portal.json";
import enPortalActions from "../locales/en/portal-actions.json";
import enSchedule from "../locales/en/schedule.json";
import enSettings from "../locales/en/settings.json";
import enTeam from "../locales/en/team.json";
import enUsers from "../locales/en/users.json";
import frActivities from "../locales/fr/activities.json";
import frAssistant from "../locales/fr/assistant.json";
import frAuth from "../locales/fr/auth.json";
import frCatalog from "../locales/fr/catalog.json";
import frCommon from "../locales/fr/common.json";
import frCustomers from "../locales/fr/customers.json";
import frErrors from "../locales/fr/errors.json";
import frForms from "../locales/fr/forms.json";
import frMessages from "../locales/fr/messages.json";
import frPortal from "../locales/fr/portal.json";
import frPortalActions from "../locales/fr/portal-actions.json";
import frSchedule from "../locales/fr/schedule.json";
import frSettings from "../locales/fr/settings.json";
import frTeam from "../locales/fr/team.json";
import frUsers from "../locales/fr/users.json";
import { ApiError, type ApiFieldError } from "./api";

export const SUPPORTED_LANGUAGES = ["en", "fr"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

const FALLBACK_LANGUAGE: Language = "en";
const LANGUAGE_STORAGE_KEY = "rondo.language";

const en = {
  common: enCommon,
  auth: enAuth,
  settings: enSettings,
  users: enUsers,
  errors: enErrors,
  portal: enPortal,
  portalActions: enPortalActions,
  catalog: enCatalog,
  forms: enForms,
  team: enTeam,
  activities: enActivities,
  assistant: enAssistant,
  schedule: enSchedule,
  customers: enCustomers,
  messages: enMessages,
};
const fr = {
  common: frCommon,
  auth: frAuth,
  settings: frSettings,
  users: frUsers,
  errors: frErrors,
  portal: frPortal,
  portalActions: frPortalActions,
  catalog: frCatalog,
  forms: frForms,
  team: frTeam,
  activities: frActivities,
  assistant: frAssistant,
  schedule: frSchedule,
  customers: frCustomers,
  messages: frMessages,
};

// The two `satisfies` checks make type checking fail when a key exists in only one language.
export const resources = {
  en: en satisfies typeof fr,
  fr: fr satisfies typeof en,
};

export type Resources = typeof en;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** Reads the language that the user picked on this device, or null. */
export function readSavedLanguage(): Language | null {
  try {
    const saved = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(saved) ? saved : null;
  } catch {
    // Storage can be unavailable, for example in some private browsing modes.
    return null;
  }
}

function saveLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // The choice then lasts until the page is reloaded.
  }
}

/** Returns the first supported language in the browser's preference list, or null. */
export function detectBrowserLanguage(): Language | null {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = tag?.toLowerCase().split("-")[0];
    if (isLanguage(base)) {
      return base;
    }
  }
  return null;
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : FALLBACK_LANGUAGE;
}

/**
 * Initializes i18next before the first render. The session is not loaded yet, so the start-up
 * language is the saved choice, else the browser's language, else English. Call
 * `applySessionLanguage` once the session has loaded.
 */
export function initI18n(): typeof i18next {
  const language = readSavedLanguage() ?? detectBrowserLanguage() ?? FALLBACK_LANGUAGE;

  i18next.on("languageChanged", (lng) => {
    document.documentElement.lang = lng;
  });

  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: SUPPORTED_LANGUAGES,
    ns: Object.keys(en),
    defaultNS: "common",
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}

/** Switches to the signed-in user's language, unless a choice was saved on this device. */
export function applySessionLanguage(userLanguage: string): void {
  if (readSavedLanguage() === null && isLanguage(userLanguage) && userLanguage !== i18next.language) {
    void i18next.changeLanguage(userLanguage);
  }
}

/** Switches the language and saves the choice on this device. */
export function chooseLanguage(language: Language): Promise<unknown> {
  saveLanguage(language);
  return i18next.changeLanguage(language);
}

const TRANSLATED_ERROR_CODES = [
  "validation_failed",
  "invalid_credentials",
  "too_many_attempts",
  "unauthenticated",
  "forbidden",
  "password_change_required",
  "not_found",
  "conflict",
  "email_taken",
  "weak_password",
  "wrong_password",
  "internal_error",
  "rate_limited",
  "network_error",
  "code_taken",
  "skill_in_use",
  "schedule_conflict",
  "schedule_warnings",
  "invalid_state",
  "bad_request",
  "unavailable",
  "geocoding_unavailable",
  "geocoding_failed",
  "invalid_link",
  "slot_refused",
  "invalid_time",
  "nonexistent_local_time",
  "ambiguous_local_time",
  "change_too_late",
  "invalid_code",
  "portal_signed_out",
  "preview_read_only",
  "slug_taken",
  "invalid_image",
  "image_too_large",
  "action_unavailable",
  "customer_not_located",
] as const;
type TranslatedErrorCode = (typeof TRANSLATED_ERROR_CODES)[number];

function isTranslatedErrorCode(code: string): code is TranslatedErrorCode {
  return (TRANSLATED_ERROR_CODES as readonly string[]).includes(code);
}

/**
 * Returns the message to show for an error thrown by the API client, in the current language.
 * Codes without a translation fall back to a generic message that quotes the request id, so
 * support can find the request in the server logs.
 */
export function translateApiError(error: unknown): string {
  const t = i18next.t;
  if (!(error instanceof ApiError) || !isTranslatedErrorCode(error.code)) {
    const requestId = error instanceof ApiError ? error.requestId : undefined;
    return requestId ? t("errors:genericWithReference", { requestId }) : t("errors:generic");
  }

  const retryAfterSeconds = error.details?.retryAfterSeconds;
  switch (error.code) {
    case "too_many_attempts":
    case "rate_limited": {
      if (retryAfterSeconds === undefined || retryAfterSeconds <= 0) {
        return t(`errors:codes.${error.code}`);
      }
      const minutes = Math.ceil(retryAfterSeconds / 60);
      return t(`errors:codes.${error.code}`, { count: minutes, minutes });
    }
    case "internal_error":
      return error.requestId
        ? t("errors:codes.internal_error", { requestId: error.requestId })
        : t("errors:generic");
    default:
      return t(`errors:codes.${error.code}`);
  }
}

const TRANSLATED_FIELD_CODES = [
  "invalid_type",
  "invalid_format",
  "invalid_value",
  "too_small",
  "too_big",
  "unrecognized_keys",
  "required",
  "invalid_time_zone",
  "invalid_country",
  "invalid_language",
  "incomplete_coordinates",
  "email_taken",
  "account_in_other_organization",
  "own_admin_role",
  "remove_self",
  "code_taken",
  "weak_password",
  "same_password",
  "name_taken",
  "invalid_colour",
  "unknown_skill",
  "invalid_level",
  "missing",
] as const;
type TranslatedFieldCode = (typeof TRANSLATED_FIELD_CODES)[number];

function isTranslatedFieldCode(code: string | undefined): code is TranslatedFieldCode {
  return code !== undefined && (TRANSLATED_FIELD_CODES as readonly string[]).includes(code);
}

/**
 * Returns the message for one entry of `details.fields`: a translation when its code is known,
 * otherwise the server's English message.
 */
export function translateFieldError(field: ApiFieldError): string {
  return isTranslatedFieldCode(field.code) ? i18next.t(`errors:fields.${field.code}`) : field.message;
}
