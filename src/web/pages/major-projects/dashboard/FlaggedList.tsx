import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatRate } from '../../../components/amount.ts';
import { type SimpleColumn, SimpleTable } from '../../../components/SimpleTable.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import type { SupervisionItem } from '../api.ts';
import { ColourTag, useReasonText } from '../ui.tsx';

/** The red and yellow projects with the reasons the rules gave, worst first (the API's order). */
export function FlaggedList({ items }: { items: SupervisionItem[] }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const reason = useReasonText();
  const project = (r: SupervisionItem) => (
    <Link to={`/major-projects/projects/${r.projectId}`}>
      <Typography.Text type="secondary">{r.key}</Typography.Text> {r.name}
    </Link>
  );
  const reasons = (r: SupervisionItem) => (
    <Flex vertical>
      {r.reasons.map((x) => (
        <Typography.Text key={x.rule} type={x.colour === 'red' ? 'danger' : 'warning'}>
          {reason(x)}
        </Typography.Text>
      ))}
    </Flex>
  );
  const columns: SimpleColumn<SupervisionItem>[] = isPhone
    ? [
        {
          key: 'all',
          title: t('major.fields.project'),
          render: (r) => (
            <Flex vertical gap={2}>
              <span>
                <ColourTag colour={r.colour} /> {project(r)}
              </span>
              {reasons(r)}
            </Flex>
          ),
        },
      ]
    : [
        { key: 'colour', title: t('major.fields.colour'), render: (r) => <ColourTag colour={r.colour} /> },
        { key: 'project', title: t('major.fields.project'), render: project },
        { key: 'department', title: t('major.fields.department'), render: (r) => r.departmentName ?? '' },
        {
          key: 'rate',
          title: t('major.fields.completionRate'),
          align: 'right',
          render: (r) => formatRate(r.completionRate),
        },
        { key: 'reasons', title: t('major.fields.reasons'), render: reasons },
      ];
  return <SimpleTable columns={columns} rows={items} rowKey={(r) => r.projectId} testId="flagged" />;
}
