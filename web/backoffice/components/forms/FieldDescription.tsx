// The portal's action forms use the same description, so it lives in web/shared/forms.
export { FieldDescription, fieldDescription } from "../../../shared/forms/FieldDescription";
