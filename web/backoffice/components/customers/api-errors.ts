import i18next from "i18next";
import { ApiError, type ApiFieldError } from "../../../shared/api";
import { translateApiError, translateFieldError } from "../../../shared/i18n";

/** Field error codes of the customer API that have a translation in the "customers" namespace. */
const CUSTOMER_FIELD_CODES = [
  "missing_name",
  "invalid_country",
  "invalid_email",
  "incomplete_coordinates",
  "invalid_time_zone",
  "invalid_custom_field_name",
  "too_many_custom_fields",
  "invalid_reference",
  "reference_taken",
  "customer_has_activities",
] as const;
type CustomerFieldCode = (typeof CUSTOMER_FIELD_CODES)[number];

/** Codes of the phone number check, which the API gives on the paths `phone` and `mobile`. */
const PHONE_CODES = ["invalid", "invalid_characters", "missing_trunk_prefix", "unsupported_country"] as const;
type PhoneCode = (typeof PHONE_CODES)[number];

function isCustomerFieldCode(code: string | undefined): code is CustomerFieldCode {
  return code !== undefined && (CUSTOMER_FIELD_CODES as readonly string[]).includes(code);
}

function isPhoneCode(code: string | undefined): code is PhoneCode {
  return code !== undefined && (PHONE_CODES as readonly string[]).includes(code);
}

/** Quotes the rejected value for a message, or returns "" when the API gave none. */
function valueText(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

/**
 * Returns the message for one entry of `details.fields`: a translation when the customer API's
 * code has one, else the generic translation or the server's English message.
 */
export function translateCustomerFieldError(field: ApiFieldError): string {
  const value = valueText(field.value);
  const isPhonePath = field.path === "phone" || field.path === "mobile";
  if (isPhonePath && isPhoneCode(field.code)) {
    return i18next.t(`customers:errors.phone.${field.code}`, { value });
  }
  if (isCustomerFieldCode(field.code)) {
    return i18next.t(`customers:errors.fields.${field.code}`, { value });
  }
  return translateFieldError(field);
}

export interface SplitErrors {
  /** Messages by field path, for the inputs that show them. */
  fieldErrors: Record<string, string>;
  /** Message for the form-level alert: the error, and the field errors that no input shows. */
  formError: string;
}

/**
 * Splits an API error into messages for inputs and one message for the form. Entries of
 * `details.fields` go to the input named by the first segment of their path when `isShown`
 * accepts it. The first message for a field is kept, because later ones often follow from it.
 */
export function splitCustomerApiError(error: unknown, isShown: (field: string) => boolean): SplitErrors {
  const fieldErrors: Record<string, string> = {};
  const unmatched: string[] = [];
  const fields = error instanceof ApiError ? error.fieldErrors : [];
  for (const field of fields) {
    const name = field.path.split(".")[0] ?? "";
    if (isShown(name)) {
      fieldErrors[name] ??= translateCustomerFieldError(field);
    } else {
      unmatched.push(translateCustomerFieldError(field));
    }
  }
  // With field errors, a generic summary replaces the code's message, because the code of a
  // taken reference is "conflict", whose message ("conflicts with another change") misleads.
  let summary = translateApiError(error);
  if (Object.keys(fieldErrors).length > 0) {
    summary = i18next.t("customers:errors.checkFields");
  } else if (unmatched.length > 0) {
    summary = "";
  }
  return { fieldErrors, formError: [summary, ...unmatched].filter((part) => part !== "").join(" ") };
}

/** Returns the message for a failed deletion: the reason when the customer has activities. */
export function describeDeleteError(error: unknown): string {
  const field = error instanceof ApiError ? error.fieldErrors[0] : undefined;
  return field?.code === "customer_has_activities"
    ? i18next.t("customers:errors.fields.customer_has_activities")
    : translateApiError(error);
}
