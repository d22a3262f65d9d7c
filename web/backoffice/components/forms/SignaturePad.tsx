import { Box, Button, Group, Image, Input, Text } from "@mantine/core";
import { useId } from "@mantine/hooks";
import { type PointerEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { describeUploadError } from "./answer-errors";
import { fieldDescription } from "./FieldDescription";
import type { FileStorage } from "./file-storage";

const PAD_HEIGHT_PX = 160;
const STROKE_WIDTH_PX = 2.5;

interface SignaturePadProps {
  label: string;
  helpText: string;
  error?: string | undefined;
  required: boolean;
  disabled: boolean;
  fieldCode: string;
  /** Id of the stored signature image, or undefined while unsigned. */
  value: string | undefined;
  onChange: (fileId: string | undefined) => void;
  files: FileStorage | undefined;
}

/**
 * Renders a drawing pad for a signature. "Save signature" uploads the drawing as a PNG image
 * and stores the file id as the answer. A saved signature is shown as an image with a button
 * to sign again. The pad takes a mouse, pen or touch, and has no keyboard alternative.
 */
export function SignaturePad({
  label,
  helpText,
  error,
  required,
  disabled,
  fieldCode,
  value,
  onChange,
  files,
}: SignaturePadProps) {
  const { t } = useTranslation("forms");
  const labelId = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [hasStrokes, setHasStrokes] = useState(false);
  const [saving, setSaving] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const padDisabled = disabled || files === undefined;
  const shownError = uploadError ?? error;
  const shownDescription = fieldDescription(
    required,
    helpText,
    value === undefined ? t("signature.hint") : undefined,
  );
  // Mantine's wrapper names its description and error elements after the wrapper id.
  const describedBy =
    [shownDescription ? `${labelId}-description` : "", shownError ? `${labelId}-error` : ""]
      .filter(Boolean)
      .join(" ") || undefined;

  // Sizes the drawing buffer to the displayed size and pixel density, so strokes stay sharp.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || value !== undefined) {
      return;
    }
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(canvas.clientWidth * ratio);
    canvas.height = Math.round(PAD_HEIGHT_PX * ratio);
    const context = canvas.getContext("2d");
    if (context) {
      context.scale(ratio, ratio);
      context.lineWidth = STROKE_WIDTH_PX;
      context.lineCap = "round";
      context.lineJoin = "round";
      context.strokeStyle = "#1a1b1e";
    }
    setHasStrokes(false);
  }, [value]);

  const pointAt = (event: PointerEvent<HTMLCanvasElement>) => {
    const bounds = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - bounds.left, y: event.clientY - bounds.top };
  };

  const startStroke = (event: PointerEvent<HTMLCanvasElement>) => {
    if (padDisabled) {
      return;
    }
    const context = event.currentTarget.getContext("2d");
    if (!context) {
      return;
    }
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = true;
    const { x, y } = pointAt(event);
    context.beginPath();
    context.moveTo(x, y);
    // A dot for a tap without movement.
    context.lineTo(x + 0.1, y + 0.1);
    context.stroke();
    setHasStrokes(true);
  };

  const continueStroke = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) {
      return;
    }
    const context = event.currentTarget.getContext("2d");
    const { x, y } = pointAt(event);
    context?.lineTo(x, y);
    context?.stroke();
  };

  const endStroke = () => {
    drawing.current = false;
  };

  const clearPad = () => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext("2d");
    if (canvas && context) {
      context.save();
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, canvas.width, canvas.height);
      context.restore();
    }
    setHasStrokes(false);
    setUploadError(null);
  };

  const saveSignature = async () => {
    const canvas = canvasRef.current;
    if (!canvas || !files) {
      return;
    }
    setSaving(true);
    setUploadError(null);
    try {
      const image = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
      if (!image) {
        throw new Error("The browser could not turn the signature into a PNG image");
      }
      const stored = await files.upload(image, `signature-${fieldCode}.png`);
      onChange(stored.id);
    } catch (failure) {
      setUploadError(describeUploadError(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Input.Wrapper
      label={label}
      labelElement="div"
      id={labelId}
      description={shownDescription}
      error={shownError}
      required={required}
      withAsterisk={false}
    >
      {value !== undefined && files ? (
        <Box mt="xs">
          <Image
            src={files.url(value)}
            alt={t("signature.imageAlt", { label })}
            h={PAD_HEIGHT_PX}
            w="auto"
            fit="contain"
            bd="1px solid var(--mantine-color-gray-4)"
            radius="sm"
          />
          {!disabled && (
            <Button mt="xs" variant="default" size="xs" onClick={() => onChange(undefined)}>
              {t("signature.signAgain")}
            </Button>
          )}
        </Box>
      ) : (
        <Box mt="xs">
          <canvas
            ref={canvasRef}
            role="img"
            aria-label={t("signature.padLabel", { label })}
            aria-describedby={describedBy}
            onPointerDown={startStroke}
            onPointerMove={continueStroke}
            onPointerUp={endStroke}
            onPointerCancel={endStroke}
            style={{
              display: "block",
              width: "100%",
              height: PAD_HEIGHT_PX,
              touchAction: "none",
              border: "1px solid var(--mantine-color-gray-4)",
              borderRadius: "var(--mantine-radius-sm)",
              background: padDisabled ? "var(--mantine-color-gray-1)" : "white",
              cursor: padDisabled ? "not-allowed" : "crosshair",
            }}
          />
          <Group gap="xs" mt="xs">
            <Button
              variant="default"
              size="xs"
              onClick={clearPad}
              disabled={padDisabled || !hasStrokes}
              aria-label={t("signature.clearFor", { label })}
            >
              {t("signature.clear")}
            </Button>
            <Button
              size="xs"
              onClick={() => void saveSignature()}
              disabled={padDisabled || !hasStrokes}
              loading={saving}
              aria-label={t("signature.saveFor", { label })}
            >
              {t("signature.save")}
            </Button>
          </Group>
          {files === undefined && (
            <Text size="xs" c="dimmed" mt={4}>
              {t("uploadUnavailable")}
            </Text>
          )}
        </Box>
      )}
    </Input.Wrapper>
  );
}
