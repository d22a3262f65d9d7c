import type { Language } from "../../../shared/i18n";
import type { Customer, CustomerInput, CustomerType } from "../../lib/customers";
import { formatPhone } from "./format";

/** One row of the custom fields editor. `key` identifies the row for React while names change. */
export interface CustomFieldRow {
  key: string;
  name: string;
  value: string;
}

export interface CustomerFormValues {
  reference: string;
  type: CustomerType;
  firstName: string;
  lastName: string;
  companyName: string;
  email: string;
  phone: string;
  mobile: string;
  addressLine1: string;
  addressLine2: string;
  postcode: string;
  city: string;
  country: string | null;
  language: Language;
  /** Null when the business unit's zone applies. */
  timeZone: string | null;
  customFields: CustomFieldRow[];
  comments: string;
  portalAccess: boolean;
}

/** Form fields that can show an error from the API, by the first segment of its path. */
export const CUSTOMER_FORM_FIELDS = [
  "reference",
  "type",
  "firstName",
  "lastName",
  "companyName",
  "email",
  "phone",
  "mobile",
  "addressLine1",
  "addressLine2",
  "postcode",
  "city",
  "country",
  "language",
  "timeZone",
  "customFields",
  "comments",
  "portalAccess",
] as const;

let nextRowKey = 0;

export function newCustomFieldRow(name = "", value = ""): CustomFieldRow {
  nextRowKey += 1;
  return { key: `custom-field-${nextRowKey}`, name, value };
}

/** Defaults of a new customer, from the business unit's settings. */
export function emptyCustomerValues(defaults: {
  country: string | null;
  language: Language;
  portalAccess: boolean;
}): CustomerFormValues {
  return {
    reference: "",
    type: "individual",
    firstName: "",
    lastName: "",
    companyName: "",
    email: "",
    phone: "",
    mobile: "",
    addressLine1: "",
    addressLine2: "",
    postcode: "",
    city: "",
    country: defaults.country,
    language: defaults.language,
    timeZone: null,
    customFields: [],
    comments: "",
    portalAccess: defaults.portalAccess,
  };
}

/** Values of a saved customer. Phone numbers show in the readable form, which the API reads back. */
export function customerToValues(customer: Customer, unitCountry: string | null): CustomerFormValues {
  return {
    reference: customer.reference,
    type: customer.type,
    firstName: customer.firstName ?? "",
    lastName: customer.lastName ?? "",
    companyName: customer.companyName ?? "",
    email: customer.email ?? "",
    phone: customer.phone ? formatPhone(customer.phone, unitCountry) : "",
    mobile: customer.mobile ? formatPhone(customer.mobile, unitCountry) : "",
    addressLine1: customer.addressLine1 ?? "",
    addressLine2: customer.addressLine2 ?? "",
    postcode: customer.postcode ?? "",
    city: customer.city ?? "",
    country: customer.country,
    language: customer.language,
    timeZone: customer.timeZone,
    customFields: Object.entries(customer.customFields).map(([name, value]) =>
      newCustomFieldRow(name, value),
    ),
    comments: customer.comments ?? "",
    portalAccess: customer.portalAccess,
  };
}

function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/**
 * Builds the request body. A person's record sends no company name, so what the form shows is
 * what is saved. An empty reference is left out, so the server generates one for a new customer.
 */
export function valuesToInput(values: CustomerFormValues): CustomerInput {
  const customFields: Record<string, string> = {};
  for (const row of values.customFields) {
    if (row.name.trim() !== "") {
      customFields[row.name.trim()] = row.value;
    }
  }
  const input: CustomerInput = {
    type: values.type,
    firstName: textOrNull(values.firstName),
    lastName: textOrNull(values.lastName),
    companyName: values.type === "professional" ? textOrNull(values.companyName) : null,
    email: textOrNull(values.email),
    phone: textOrNull(values.phone),
    mobile: textOrNull(values.mobile),
    addressLine1: textOrNull(values.addressLine1),
    addressLine2: textOrNull(values.addressLine2),
    postcode: textOrNull(values.postcode),
    city: textOrNull(values.city),
    language: values.language,
    timeZone: values.timeZone,
    customFields,
    comments: textOrNull(values.comments),
    portalAccess: values.portalAccess,
  };
  if (values.reference.trim() !== "") {
    input.reference = values.reference.trim();
  }
  if (values.country !== null) {
    input.country = values.country;
  }
  return input;
}
