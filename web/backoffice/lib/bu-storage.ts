const BU_STORAGE_KEY = "rondo.bu";

/** Reads the id of the business unit last opened on this device, or null. */
export function readSavedBusinessUnitId(): string | null {
  try {
    return window.localStorage.getItem(BU_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function saveBusinessUnitId(buId: string): void {
  try {
    window.localStorage.setItem(BU_STORAGE_KEY, buId);
  } catch {
    // Without storage, the next visit opens the first business unit instead.
  }
}
