import { Checkbox, Col, Form, Input, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { toYuan } from '../../../components/amount.ts';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { KIND_LIST, LEVEL_LIST, yearOptions } from '../api.ts';

type NamePart = string | number;

/**
 * One year's list entry: the year, the levels (省/市/区, several at once), the kind
 * (新开工/续建/竣工) and the year's planned investment in 万元. `prefix` is the
 * entry's name path (['plan'], or a Form.List row's [n]).
 */
export function PlanFields({ prefix, list }: { prefix: NamePart[]; list?: string }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const required = (field: string) => ({ required: true, message: t('major.form.required', { field }) });
  const span = (desktop: number) => (isPhone ? 24 : desktop);
  return (
    <Row gutter={12}>
      <Col span={span(8)}>
        <Form.Item
          name={[...prefix, 'year']}
          label={t('major.year')}
          rules={[
            required(t('major.year')),
            // In a list of entries, one per year.
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                list && ((getFieldValue(list) ?? []) as { year?: number }[]).filter((r) => r?.year === v).length > 1
                  ? Promise.reject(new Error(t('major.form.duplicateYear')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Select options={yearOptions().map((y) => ({ value: y, label: t('major.yearN', { year: y }) }))} />
        </Form.Item>
      </Col>
      <Col span={span(16)}>
        <Form.Item
          name={[...prefix, 'levels']}
          label={t('major.fields.level')}
          rules={[{ required: true, type: 'array', min: 1, message: t('major.form.pickLevels') }]}
        >
          <Checkbox.Group options={LEVEL_LIST.map((l) => ({ value: l, label: t(`major.levels.${l}`) }))} />
        </Form.Item>
      </Col>
      <Col span={span(12)}>
        <Form.Item name={[...prefix, 'kind']} label={t('major.fields.kind')} rules={[required(t('major.fields.kind'))]}>
          <Radio.Group
            optionType="button"
            options={KIND_LIST.map((k) => ({ value: k, label: t(`major.kinds.${k}`) }))}
          />
        </Form.Item>
      </Col>
      <Col span={span(12)}>
        <Form.Item
          name={[...prefix, 'annualPlan']}
          label={t('major.withUnit', { title: t('major.fields.annualPlan'), unit: t('major.units.wan') })}
          rules={[
            required(t('major.fields.annualPlan')),
            {
              validator: (_, v) =>
                !v || toYuan(String(v).trim(), 'wan') !== null
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('major.form.badAmount'))),
            },
          ]}
        >
          <Input inputMode="decimal" suffix={t('major.units.wan')} />
        </Form.Item>
      </Col>
    </Row>
  );
}
