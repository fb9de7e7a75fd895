import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { currentYear } from '../api.ts';
import { PlanFields } from './PlanFields.tsx';
import type { PlanRow } from './projectFormValues.ts';

/** The form's repeated parts: the yearly list entries and the task force (专班) members. */

function PlanTitle({ index }: { index: number }) {
  const { t } = useTranslation();
  const year = Form.useWatch(['plans', index, 'year']);
  return <>{t('major.form.planN', { year: year ?? '' })}</>;
}

export function PlanRows() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.List name="plans">
      {(rows, { add, remove }) => (
        <Flex vertical gap={8} style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary">{t('major.form.plansHint')}</Typography.Text>
          {rows.map((row, i) => (
            <Card
              key={row.key}
              size="small"
              data-testid={`plan-row-${i}`}
              title={<PlanTitle index={row.name} />}
              extra={
                <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)}>
                  {t('major.form.remove')}
                </Button>
              }
            >
              <PlanFields prefix={[row.name]} list="plans" />
            </Card>
          ))}
          <Button
            icon={<PlusOutlined />}
            data-testid="add-plan"
            onClick={() => {
              const years = ((form.getFieldValue('plans') ?? []) as PlanRow[]).map((p) => p.year);
              const year = years.length ? Math.max(...years) + 1 : currentYear();
              add({ year, levels: ['zone'], kind: 'continuing', annualPlan: '' });
            }}
          >
            {t('major.form.addPlan')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

export function TaskForceRows({ departments }: { departments: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const half = isPhone ? 24 : 12;
  return (
    <Form.List name="taskForce">
      {(rows, { add, remove }) => (
        <Flex vertical gap={8}>
          {rows.map((row, i) => (
            <Card
              key={row.key}
              size="small"
              data-testid={`member-row-${i}`}
              title={t('major.form.memberN', { n: i + 1 })}
              extra={
                <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)}>
                  {t('major.form.remove')}
                </Button>
              }
            >
              <Row gutter={12}>
                <Col span={half}>
                  <Form.Item
                    name={[row.name, 'name']}
                    label={t('major.project.member')}
                    rules={[
                      { required: true, message: t('major.form.required', { field: t('major.project.member') }) },
                    ]}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col span={half}>
                  <Form.Item name={[row.name, 'role']} label={t('major.project.role')}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col span={half}>
                  <Form.Item name={[row.name, 'departmentId']} label={t('major.fields.department')}>
                    <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={departments} />
                  </Form.Item>
                </Col>
                <Col span={half}>
                  <Form.Item
                    name={[row.name, 'phone']}
                    label={t('major.project.phone')}
                    rules={[{ pattern: /^[0-9+\- ]{3,20}$/, message: t('major.form.badPhone') }]}
                  >
                    <Input inputMode="tel" maxLength={20} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button icon={<PlusOutlined />} data-testid="add-member" onClick={() => add({ name: '', role: '' })}>
            {t('major.form.addMember')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
