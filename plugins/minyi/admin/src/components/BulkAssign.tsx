import {
  Button,
  Combobox,
  ComboboxOption,
  Field,
  Flex,
  Modal,
  Typography,
} from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';

import type { ActionInputField, ItemPanelResponse, UnitRef } from '../../../shared/contracts';
import { readRefusal } from '../utils/refusal';
import { useT } from '../utils/useT';

type UnitField = Extract<ActionInputField, { kind: 'grid' | 'department' }>;

interface BulkAssignProps {
  /** The selected items; the targets offered are those of the first (same unit, same targets). */
  documentIds: string[];
  onClose: () => void;
  onSubmit: (input: Record<string, unknown>) => Promise<void>;
}

const unitText = (unit: UnitRef) => `${unit.name}${unit.code ? `(${unit.code})` : ''}`;

/** 批量交办: one grid or lead department for every selected item, from the valid targets. */
export const BulkAssign = ({ documentIds, onClose, onSubmit }: BulkAssignProps) => {
  const t = useT();
  const { get } = useFetchClient();
  const [fields, setFields] = useState<UnitField[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);

  useEffect(() => {
    get<ItemPanelResponse>(`/minyi/items/${encodeURIComponent(documentIds[0])}/panel`)
      .then((response) => {
        const assign = response.data.data.allowedActions.find((entry) => entry.action === 'assign');
        setFields(
          (assign?.inputs ?? []).filter(
            (field): field is UnitField => field.kind === 'grid' || field.kind === 'department'
          )
        );
      })
      .catch((error: unknown) => setProblem(readRefusal(error, '无法读取可交办单位').reason));
  }, [get, documentIds]);

  const chosen = Object.entries(values).filter(([, value]) => value);

  return (
    <>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography>
            {t('workbench.bulk.assignCount', '将 {count} 件事项交办给:', {
              count: documentIds.length,
            })}
          </Typography>
          {fields?.map((field) => (
            <Field.Root key={field.name} name={field.name}>
              <Field.Label>{field.label}</Field.Label>
              <Combobox
                data-testid={`minyi-bulk-${field.name}`}
                placeholder={t('bulk.assign.placeholder', '选择或输入单位')}
                value={values[field.name] ?? ''}
                onChange={(next: string | undefined) =>
                  setValues((previous) => ({ ...previous, [field.name]: next ?? '' }))
                }
              >
                {field.targets.map((target) => (
                  <ComboboxOption key={target.documentId} value={target.documentId}>
                    {unitText(target)}
                  </ComboboxOption>
                ))}
              </Combobox>
            </Field.Root>
          ))}
          {fields?.length === 0 && (
            <Typography textColor="danger600">
              {t('workbench.bulk.noTargets', '所选事项当前不能交办')}
            </Typography>
          )}
          {problem && <Typography textColor="danger600">{problem}</Typography>}
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onClose}>
          {t('actions.cancel', '取消')}
        </Button>
        <Button
          disabled={chosen.length === 0}
          loading={sending}
          data-testid="minyi-bulk-assign-submit"
          onClick={async () => {
            setSending(true);
            try {
              await onSubmit(Object.fromEntries(chosen));
            } finally {
              setSending(false);
            }
          }}
        >
          {t('workbench.bulk.assign', '批量交办')}
        </Button>
      </Modal.Footer>
    </>
  );
};
