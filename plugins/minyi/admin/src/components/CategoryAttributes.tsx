import {
  Alert,
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  IconButton,
  SingleSelect,
  SingleSelectOption,
  Textarea,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { ArrowDown, ArrowUp, Plus, Trash } from '@strapi/icons';
import { useRBAC } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';

import {
  ATTRIBUTE_DATATYPE_LABELS_ZH,
  ATTRIBUTE_DATATYPES,
  isListDatatype,
} from '../../../server/src/domain/open311/attribute-datatypes';
import type { CategoryAttribute, CategoryAttributeDatatype } from '../../../shared/contracts';
import { useCategoryAttributes } from '../hooks/useCategoryAttributes';
import { SETTINGS_PERMISSIONS } from '../permissions';
import type { ShownRefusal } from '../utils/refusal';
import { useT } from '../utils/useT';

const DATATYPES = ATTRIBUTE_DATATYPES;
const isList = isListDatatype;

/** A row as the form edits it: the options as lines `key=名称`. */
interface Row {
  variable: boolean;
  code: string;
  datatype: CategoryAttributeDatatype;
  required: boolean;
  datatype_description: string;
  description: string;
  valuesText: string;
}

const rowOf = (attribute: CategoryAttribute): Row => ({
  variable: attribute.variable,
  code: attribute.code,
  datatype: attribute.datatype,
  required: attribute.required,
  datatype_description: attribute.datatype_description ?? '',
  description: attribute.description,
  valuesText: attribute.values.map((value) => `${value.key}=${value.name}`).join('\n'),
});

const EMPTY_ROW: Row = {
  variable: true,
  code: '',
  datatype: 'string',
  required: false,
  datatype_description: '',
  description: '',
  valuesText: '',
};

/** The body the server checks: options only for lists, each line split at its first `=`. */
function bodyOf(rows: Row[]) {
  return {
    attributes: rows.map((row) => ({
      variable: row.variable,
      code: row.code,
      datatype: row.datatype,
      required: row.required,
      datatype_description: row.datatype_description || null,
      description: row.description,
      values: isList(row.datatype)
        ? row.valuesText
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line !== '')
            .map((line) => {
              const at = line.indexOf('=');
              return at < 0
                ? { key: line, name: '' }
                : { key: line.slice(0, at).trim(), name: line.slice(at + 1).trim() };
            })
        : [],
    })),
  };
}

/** The server's message for a row's field, or for anything under it (`values.1.key` under `values`). */
const errorAt = (refusal: ShownRefusal | null, index: number, field: string) => {
  if (!refusal) return undefined;
  const prefix = `attributes.${index}.${field}`;
  const found = Object.entries(refusal.fields).find(
    ([path]) => path === prefix || path.startsWith(`${prefix}.`)
  );
  return found?.[1];
};

/**
 * 附加信息项 (Open311 attributes) of a category, in its edit view's side panel: add, edit,
 * reorder (the arrows; the order asked is the list's) and remove the questions a request of this
 * service answers, such as 路灯编号 or 是否影响出行. Saved as a whole list; a refused save keeps
 * the draft and shows the server's reason beside each field.
 */
export const CategoryAttributes = ({ documentId }: { documentId: string }) => {
  const t = useT();
  const { data, refusal: loadRefusal, loading, save } = useCategoryAttributes(documentId);
  const {
    allowedActions: { canUpdate },
  } = useRBAC({ update: SETTINGS_PERMISSIONS.update });
  const [rows, setRows] = useState<Row[]>([]);
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (data) setRows(data.attributes.map(rowOf));
  }, [data]);

  if (loading && !data) return null;
  if (loadRefusal)
    return (
      <Typography textColor="danger600" data-testid="minyi-attributes-refusal">
        {loadRefusal.reason}
      </Typography>
    );
  if (!data) return null;

  const update = (index: number, change: Partial<Row>) => {
    setSaved(false);
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));
  };
  const move = (index: number, by: -1 | 1) => {
    setSaved(false);
    setRows((current) => {
      const next = [...current];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row);
      return next;
    });
  };

  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      width="100%"
      data-testid="minyi-attributes"
    >
      <Typography variant="pi" textColor="neutral600">
        {data.serviceCode
          ? t('attributes.service', 'Open311 服务代码 {code}:提交该服务的请求需回答以下各项。', {
              code: data.serviceCode,
            })
          : t('attributes.noService', '该分类尚无 Open311 服务代码,附加信息项暂不对外发布。')}
      </Typography>
      {data.storedInvalid && (
        <Alert variant="warning" closeLabel={t('settings.close', '关闭')}>
          {t('attributes.storedInvalid', '已存的附加信息项有误,保存后将被替换:')}
          {data.storedInvalid}
        </Alert>
      )}
      {rows.length === 0 && (
        <Typography textColor="neutral600">{t('attributes.empty', '暂无附加信息项')}</Typography>
      )}
      {rows.map((row, index) => (
        <Box
          key={index}
          padding={3}
          hasRadius
          borderColor="neutral200"
          data-testid={`minyi-attribute-${index}`}
        >
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Flex justifyContent="space-between">
              <Typography variant="sigma">
                {t('attributes.row', '第 {n} 项', { n: index + 1 })}
              </Typography>
              {canUpdate && (
                <Flex gap={1}>
                  <IconButton
                    label={t('attributes.up', '上移')}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    <ArrowUp />
                  </IconButton>
                  <IconButton
                    label={t('attributes.down', '下移')}
                    disabled={index === rows.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    <ArrowDown />
                  </IconButton>
                  <IconButton
                    label={t('attributes.remove', '删除')}
                    onClick={() => {
                      setSaved(false);
                      setRows((current) => current.filter((_, i) => i !== index));
                    }}
                  >
                    <Trash />
                  </IconButton>
                </Flex>
              )}
            </Flex>
            <Field.Root name={`attribute-${index}-code`} error={errorAt(refusal, index, 'code')}>
              <Field.Label>{t('attributes.code', '代码')}</Field.Label>
              <TextInput
                value={row.code}
                disabled={!canUpdate}
                placeholder="lamp_no"
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  update(index, { code: event.target.value })
                }
              />
              <Field.Error />
            </Field.Root>
            <Field.Root
              name={`attribute-${index}-description`}
              error={errorAt(refusal, index, 'description')}
            >
              <Field.Label>{t('attributes.description', '问题(说明)')}</Field.Label>
              <TextInput
                value={row.description}
                disabled={!canUpdate}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  update(index, { description: event.target.value })
                }
              />
              <Field.Error />
            </Field.Root>
            <Field.Root
              name={`attribute-${index}-datatype`}
              error={errorAt(refusal, index, 'datatype')}
            >
              <Field.Label>{t('attributes.datatype', '类型')}</Field.Label>
              <SingleSelect
                value={row.datatype}
                disabled={!canUpdate}
                onChange={(next: string | number) =>
                  update(index, { datatype: String(next) as CategoryAttributeDatatype })
                }
              >
                {DATATYPES.map((datatype) => (
                  <SingleSelectOption key={datatype} value={datatype}>
                    {t(`attributes.datatype.${datatype}`, ATTRIBUTE_DATATYPE_LABELS_ZH[datatype])}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
              <Field.Error />
            </Field.Root>
            {isList(row.datatype) && (
              <Field.Root
                name={`attribute-${index}-values`}
                error={errorAt(refusal, index, 'values')}
                hint={t('attributes.valuesHint', '每行一个选项:代码=名称,如 yes=是')}
              >
                <Field.Label>{t('attributes.values', '选项')}</Field.Label>
                <Textarea
                  value={row.valuesText}
                  disabled={!canUpdate}
                  onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
                    update(index, { valuesText: event.target.value })
                  }
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            )}
            <Field.Root
              name={`attribute-${index}-datatype_description`}
              error={errorAt(refusal, index, 'datatype_description')}
            >
              <Field.Label>{t('attributes.datatypeDescription', '类型说明(可选)')}</Field.Label>
              <TextInput
                value={row.datatype_description}
                disabled={!canUpdate}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  update(index, { datatype_description: event.target.value })
                }
              />
              <Field.Error />
            </Field.Root>
            <Flex gap={4}>
              <Checkbox
                name={`attribute-${index}-variable`}
                disabled={!canUpdate}
                checked={row.variable}
                onCheckedChange={(checked: boolean | 'indeterminate') =>
                  update(index, { variable: checked === true })
                }
              >
                {t('attributes.variable', '需要填写')}
              </Checkbox>
              <Checkbox
                name={`attribute-${index}-required`}
                disabled={!canUpdate || !row.variable}
                checked={row.required && row.variable}
                onCheckedChange={(checked: boolean | 'indeterminate') =>
                  update(index, { required: checked === true })
                }
              >
                {t('attributes.required', '必填')}
              </Checkbox>
            </Flex>
          </Flex>
        </Box>
      ))}
      {refusal && (
        <Typography textColor="danger600" data-testid="minyi-attributes-error">
          {refusal.reason}
        </Typography>
      )}
      {saved && (
        <Typography textColor="success600" data-testid="minyi-attributes-saved">
          {t('attributes.saved', '已保存')}
        </Typography>
      )}
      {canUpdate && (
        <Flex gap={2} wrap="wrap">
          <Button
            variant="secondary"
            startIcon={<Plus />}
            onClick={() => {
              setSaved(false);
              setRows((current) => [...current, { ...EMPTY_ROW }]);
            }}
          >
            {t('attributes.add', '添加一项')}
          </Button>
          <Button
            loading={saving}
            data-testid="minyi-attributes-save"
            onClick={async () => {
              setSaving(true);
              const refused = await save(bodyOf(rows));
              setSaving(false);
              setRefusal(refused);
              setSaved(refused === null);
            }}
          >
            {t('attributes.save', '保存附加信息项')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
};
