import { Select, type SelectProps } from 'antd';

/** The statistics forms' multiple choice (departments, plans, nurses): searchable by label, one line tall. */
export function WideMultiSelect(props: SelectProps<number[]>) {
  return <Select mode="multiple" allowClear className="builder-wide" optionFilterProp="label" maxTagCount="responsive" {...props} />;
}
