import type { ReactNode } from "react";
import type { FieldType } from "../forms/form-model";

/** Outline drawings on a 24×24 grid, drawn for this editor since no icon package is installed. */
const FIELD_TYPE_SHAPES: Record<FieldType, ReactNode> = {
  short_text: <path d="M4 7V5h16v2M12 5v14M9 19h6" />,
  long_text: <path d="M4 6h16M4 10h16M4 14h16M4 18h10" />,
  number: <path d="M5 9h14M5 15h14M10 4 8 20M16 4l-2 16" />,
  date: (
    <>
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M16 3v4M8 3v4M3 11h18" />
    </>
  ),
  time: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 3" />
    </>
  ),
  datetime: (
    <>
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M16 3v4M8 3v4M3 10h18M12 13v3l2 2" />
    </>
  ),
  single_choice: (
    <>
      <circle cx="12" cy="12" r="9" />
      <circle cx="12" cy="12" r="3" fill="currentColor" />
    </>
  ),
  multiple_choice: (
    <>
      <rect x="4" y="4" width="16" height="16" rx="2" />
      <path d="m8 12 3 3 5-6" />
    </>
  ),
  yes_no: (
    <>
      <rect x="2" y="7" width="20" height="10" rx="5" />
      <circle cx="16" cy="12" r="3" />
    </>
  ),
  rating: <path d="m12 3 2.8 5.7 6.2.9-4.5 4.4 1.1 6.2L12 17.3l-5.6 2.9 1.1-6.2L3 9.6l6.2-.9z" />,
  signature: <path d="M4 20h16M14 4l6 6-10 10H4v-6z" />,
  file: <path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9zM14 3v6h6" />,
  displayed_text: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 8h.01M11 12h1v4h1" />
    </>
  ),
};

function OutlineIcon({ children, size = 18 }: { children: ReactNode; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** Draws the icon of a field type. It is decorative: the type name is always shown beside it. */
export function FieldTypeIcon({ type, size }: { type: FieldType; size?: number }) {
  return <OutlineIcon size={size}>{FIELD_TYPE_SHAPES[type]}</OutlineIcon>;
}

/** Draws a padlock, for the system fields of a closing form. It is decorative as well. */
export function LockIcon({ size }: { size?: number }) {
  return (
    <OutlineIcon size={size}>
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </OutlineIcon>
  );
}
