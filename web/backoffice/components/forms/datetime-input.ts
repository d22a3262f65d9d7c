// The portal's action forms use the same conversions, so they live in web/shared/forms.
export { instantToLocalInput, localInputToInstant } from "../../../shared/forms/datetime-input";
