import { createHash } from "node:crypto";
import {
  ACCEPTED_FILE_TYPES,
  type AcceptedFileType,
  sniffContentType,
} from "../domain/files/content-type.js";
import { fileRepository, type StoredFileRow, type StoredFileSummary } from "../repositories/files.js";
import { AppError, notFound } from "../server/errors.js";
import { type Actor, requireMember } from "./access.js";
import type { ServiceContext } from "./context.js";

/** Photos, signatures and documents attached to forms; 10 MB keeps a phone photo whole. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export async function storeFile(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  upload: { fileName: string; bytes: Uint8Array },
): Promise<StoredFileSummary> {
  requireMember(actor, businessUnitId);
  const fileName = safeFileName(upload.fileName);
  if (upload.bytes.byteLength === 0) {
    throw new AppError("validation_failed", "The file is empty.", {
      fields: [{ path: "file", code: "empty_file", message: "the file is empty; choose another file" }],
    });
  }
  if (upload.bytes.byteLength > MAX_FILE_BYTES) {
    throw new AppError("validation_failed", `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`, {
      fields: [
        {
          path: "file",
          code: "file_too_large",
          value: upload.bytes.byteLength,
          message: `files may not exceed ${MAX_FILE_BYTES / 1024 / 1024} MB`,
        },
      ],
    });
  }
  const contentType = sniffContentType(upload.bytes);
  if (!contentType) {
    throw new AppError("validation_failed", `"${fileName}" is not a PNG, JPEG, WebP or PDF file.`, {
      fields: [
        {
          path: "file",
          code: "unsupported_file_type",
          value: fileName,
          message: `accepted types: ${ACCEPTED_FILE_TYPES.join(", ")}`,
        },
      ],
    });
  }
  return fileRepository(context.db, actor.organizationId).insert({
    businessUnitId,
    fileName,
    contentType,
    sizeBytes: upload.bytes.byteLength,
    sha256: createHash("sha256").update(upload.bytes).digest("hex"),
    content: upload.bytes,
    createdAt: context.clock.now(),
    createdBy: actor.userId,
  });
}

/** Returns a file of the actor's organization; one of a unit they do not belong to is not found. */
export async function readFile(
  context: ServiceContext,
  actor: Actor,
  fileId: string,
): Promise<StoredFileRow & { contentType: AcceptedFileType }> {
  const file = await fileRepository(context.db, actor.organizationId).find(fileId);
  if (!file || (file.businessUnitId && !actor.rolesByBusinessUnit.has(file.businessUnitId)))
    throw notFound("File not found.");
  return file as StoredFileRow & { contentType: AcceptedFileType };
}

/** Keeps a name safe to show and to put in a header: no path separators or control characters. */
function safeFileName(raw: string): string {
  const cleaned = [...raw.trim()]
    .map((character) =>
      character === "/" || character === "\\" || character.charCodeAt(0) < 32 ? "_" : character,
    )
    .join("")
    .slice(0, 200);
  return cleaned || "file";
}
