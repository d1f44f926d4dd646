import { Field, Typography } from '@strapi/design-system';

/** The photo types the server keeps (domain/photos.ts); anything else is refused there with a 415. */
const ACCEPT = 'image/jpeg,image/png,image/webp';

/** A file picker for photos (登记民意, 办结's 整改前/整改后); the server checks and cleans them. */
export const PhotoInput = ({
  name,
  label,
  files,
  error,
  onChange,
}: {
  name: string;
  label: string;
  files: File[];
  error?: string;
  onChange: (files: File[]) => void;
}) => (
  <Field.Root name={name} error={error}>
    <Field.Label>{label}</Field.Label>
    <input
      type="file"
      name={name}
      multiple
      accept={ACCEPT}
      data-testid={`minyi-photos-input-${name}`}
      onChange={(event) => onChange(Array.from(event.target.files ?? []))}
    />
    {files.length > 0 && (
      <Typography variant="pi" textColor="neutral600">
        {files.map((file) => file.name).join('、')}
      </Typography>
    )}
    <Field.Error />
  </Field.Root>
);

/**
 * The request body: JSON as before without photos; with photos, multipart with the JSON as `data`
 * (Strapi's convention) and each file under its field (`photos`, `before`, `after`).
 */
export function bodyWithPhotos(
  payload: { data: unknown },
  photos: Record<string, File[]>
): { data: unknown } | FormData {
  const fields = Object.entries(photos).filter(([, files]) => files.length > 0);
  if (fields.length === 0) return payload;
  const form = new FormData();
  form.append('data', JSON.stringify(payload.data));
  for (const [field, files] of fields)
    for (const file of files) form.append(field, file, file.name);
  return form;
}
