import {
  Box,
  Button,
  Combobox,
  ComboboxOption,
  DateTimePicker,
  Field,
  Flex,
  Modal,
  MultiSelect,
  MultiSelectOption,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  Textarea,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useState, type FormEvent } from 'react';

import type { ActionInputField, AllowedAction, UnitRef } from '../../../shared/contracts';
import { bodyWithPhotos, PhotoInput } from './PhotoInput';
import { readRefusal, type ShownRefusal } from '../utils/refusal';
import { useT } from '../utils/useT';

type Value = string | number | string[] | Date | undefined;
type Values = Record<string, Value>;

const unitText = (unit: UnitRef) =>
  [unit.name, unit.code ? `(${unit.code})` : '', unit.kindLabel ? ` · ${unit.kindLabel}` : '']
    .join('')
    .trim();

function isEmpty(value: Value): boolean {
  return (
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'number' && Number.isNaN(value))
  );
}

/** The `data` the handling route takes: empty inputs left out, dates as ISO strings. */
function toPayload(values: Values): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (isEmpty(value)) continue;
    data[name] =
      value instanceof Date
        ? value.toISOString()
        : typeof value === 'string'
          ? value.trim()
          : value;
  }
  return data;
}

interface InputProps {
  field: ActionInputField;
  value: Value;
  error?: string;
  onChange: (value: Value) => void;
}

/** One input of an action's form, by its kind; the message beside it is the server's or ours. */
const ActionInput = ({ field, value, error, onChange }: InputProps) => {
  const t = useT();
  const testId = `minyi-action-input-${field.name}`;
  let input: React.ReactNode;
  switch (field.kind) {
    case 'text':
      input = (
        <Textarea
          name={field.name}
          data-testid={testId}
          maxLength={field.maxLength}
          value={(value as string | undefined) ?? ''}
          onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)}
        />
      );
      break;
    case 'grid':
    case 'department':
      input = (
        <Combobox
          name={field.name}
          data-testid={testId}
          placeholder={t('actions.pick.unit', '输入名称或编码筛选')}
          value={(value as string | undefined) ?? ''}
          onChange={(next: string | undefined) => onChange(next ?? undefined)}
          onClear={() => onChange(undefined)}
        >
          {field.targets.map((target) => (
            <ComboboxOption key={target.documentId} value={target.documentId}>
              {unitText(target)}
            </ComboboxOption>
          ))}
        </Combobox>
      );
      break;
    case 'departments':
      input = (
        <MultiSelect
          name={field.name}
          data-testid={testId}
          withTags
          placeholder={t('actions.pick.departments', '选择协办单位')}
          value={(value as string[] | undefined) ?? []}
          onChange={(next: string[]) => onChange(next)}
          onClear={() => onChange([])}
        >
          {field.targets.map((target) => (
            <MultiSelectOption key={target.documentId} value={target.documentId}>
              {unitText(target)}
            </MultiSelectOption>
          ))}
        </MultiSelect>
      );
      break;
    case 'staff':
      input = (
        <SingleSelect
          name={field.name}
          data-testid={testId}
          placeholder={t('actions.pick.leader', '选择领办领导')}
          value={(value as string | undefined) ?? ''}
          onChange={(next: string | number) => onChange(String(next))}
          onClear={() => onChange(undefined)}
        >
          {field.targets.map((target) => (
            <SingleSelectOption key={target.documentId} value={target.documentId}>
              {target.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      );
      break;
    case 'enum':
      input = (
        <SingleSelect
          name={field.name}
          data-testid={testId}
          value={(value as string | undefined) ?? ''}
          onChange={(next: string | number) => onChange(String(next))}
          onClear={() => onChange(undefined)}
        >
          {field.options.map((option) => (
            <SingleSelectOption key={option.value} value={option.value}>
              {option.label}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      );
      break;
    case 'integer':
      input = (
        <NumberInput
          name={field.name}
          data-testid={testId}
          value={value as number | undefined}
          onValueChange={(next: number | undefined) => onChange(next)}
        />
      );
      break;
    case 'datetime':
      input = (
        <DateTimePicker
          name={field.name}
          data-testid={testId}
          value={(value as Date | undefined) ?? null}
          onChange={(next: Date | undefined) => onChange(next)}
          onClear={() => onChange(undefined)}
        />
      );
      break;
    case 'item':
      input = (
        <TextInput
          name={field.name}
          data-testid={testId}
          placeholder={t('actions.pick.duplicate', '被重复事项的查询码')}
          value={(value as string | undefined) ?? ''}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        />
      );
      break;
  }
  return (
    <Field.Root name={field.name} error={error} required={field.required}>
      <Field.Label>{field.label}</Field.Label>
      {input}
      <Field.Error />
    </Field.Root>
  );
};

/** The inputs a form rule joins in pairs (ActionForm's localProblems, the server's same rules). */
const PAIRED = new Set(['grid', 'leadDepartment', 'workingDays', 'until']);

interface ActionFormProps {
  action: AllowedAction;
  documentId: string;
  onClose: () => void;
  /** After the handling route accepted the action: refresh what shows the item. */
  onDone: () => void | Promise<void>;
}

/**
 * The form of one handling action, inside the action's modal: the inputs the action needs, sent
 * to the handling route; 400 problems beside their fields, 403/409 reasons above the buttons.
 */
export const ActionForm = ({ action, documentId, onClose, onDone }: ActionFormProps) => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [values, setValues] = useState<Values>({});
  // 办结 takes 整改前/整改后 photos (the server refuses them on any other action).
  const [before, setBefore] = useState<File[]>([]);
  const [after, setAfter] = useState<File[]>([]);
  const takesPhotos = action.action === 'resolve';
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [sending, setSending] = useState(false);

  const required = t('actions.error.required', '此项必填');
  /** The checks the server makes too, so the common mistakes are shown before a round trip. */
  function localProblems(): Record<string, string> {
    const problems: Record<string, string> = {};
    for (const field of action.inputs) {
      if (field.required && isEmpty(values[field.name])) problems[field.name] = required;
    }
    if (
      action.rule === 'grid-or-lead-department' &&
      isEmpty(values.grid) &&
      isEmpty(values.leadDepartment)
    ) {
      const message = t('actions.error.gridOrDepartment', '请指定承办网格或牵头单位');
      for (const name of ['grid', 'leadDepartment']) {
        if (action.inputs.some((field) => field.name === name)) problems[name] = message;
      }
    }
    if (
      action.rule === 'working-days-xor-until' &&
      isEmpty(values.workingDays) === isEmpty(values.until)
    ) {
      const message = t('actions.error.daysOrUntil', '请填写延长的工作日数或新的期限(二选一)');
      problems.workingDays = message;
      problems.until = message;
    }
    return problems;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    // The modal is portalled out of the edit view's <form>, but React still bubbles the submit
    // event up its tree: without this the content manager would save its form too.
    event.stopPropagation();
    const problems = localProblems();
    if (Object.keys(problems).length > 0) {
      setRefusal({ status: 400, code: 'FORM', reason: '', fields: problems });
      return;
    }
    setSending(true);
    setRefusal(null);
    try {
      const path =
        action.path || `/minyi/items/${encodeURIComponent(documentId)}/actions/${action.action}`;
      await post(path, bodyWithPhotos({ data: toPayload(values) }, { before, after }));
      toggleNotification({
        type: 'success',
        message: t('actions.done', '已{action}', { action: action.label }),
      });
      onClose();
      await onDone();
    } catch (error) {
      setRefusal(readRefusal(error, t('actions.error.failed', '操作未完成,请稍后重试')));
    } finally {
      setSending(false);
    }
  }

  /**
   * A field's message (ours or the server's 400/409 reason) goes when that field changes: it was
   * about the old value. A message shared by a pair the form rule joins (grid or lead department,
   * working days or new deadline) goes from both, since changing either may settle it.
   */
  function changed(name: string) {
    setRefusal((previous) => {
      if (!previous || previous.fields[name] === undefined) return previous;
      const message = previous.fields[name];
      const fields = Object.fromEntries(
        Object.entries(previous.fields).filter(
          ([other, text]) =>
            other !== name && !(PAIRED.has(other) && PAIRED.has(name) && text === message)
        )
      );
      return { ...previous, fields };
    });
  }

  const unplaced =
    refusal &&
    Object.entries(refusal.fields).filter(
      ([name]) => !action.inputs.some((field) => field.name === name)
    );

  return (
    <form onSubmit={submit} data-testid={`minyi-action-form-${action.action}`}>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography textColor="neutral600">
            {t('actions.after', '操作后状态:{status}', { status: action.to.label })}
          </Typography>
          {action.inputs.map((field) => (
            <ActionInput
              key={field.name}
              field={field}
              value={values[field.name]}
              error={refusal?.fields[field.name]}
              onChange={(value) => {
                setValues((previous) => ({ ...previous, [field.name]: value }));
                changed(field.name);
              }}
            />
          ))}
          {takesPhotos && (
            <>
              <PhotoInput
                name="before"
                label={t('actions.photos.before', '整改前照片')}
                files={before}
                error={refusal?.fields.before}
                onChange={(files) => {
                  setBefore(files);
                  changed('before');
                }}
              />
              <PhotoInput
                name="after"
                label={t('actions.photos.after', '整改后照片')}
                files={after}
                error={refusal?.fields.after}
                onChange={(files) => {
                  setAfter(files);
                  changed('after');
                }}
              />
            </>
          )}
          {refusal && (refusal.reason || (unplaced && unplaced.length > 0)) && (
            <Box
              background="danger100"
              borderColor="danger200"
              hasRadius
              padding={3}
              data-testid="minyi-action-refusal"
            >
              <Typography textColor="danger700">{refusal.reason}</Typography>
              {unplaced?.map(([name, message]) => (
                <Typography key={name} tag="p" textColor="danger700">
                  {message}
                </Typography>
              ))}
            </Box>
          )}
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onClose} type="button">
          {t('actions.cancel', '取消')}
        </Button>
        <Button type="submit" loading={sending} data-testid="minyi-action-submit">
          {t('actions.confirm', '确认{action}', { action: action.label })}
        </Button>
      </Modal.Footer>
    </form>
  );
};
