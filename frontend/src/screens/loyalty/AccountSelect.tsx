import { useEffect, useState } from 'react';
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { getAccount, listAccounts } from '../../api/accounts';

interface AccountSelectProps extends Omit<SelectProps, 'value' | 'onChange' | 'data' | 'searchValue' | 'onSearchChange'> {
  value: number | null;
  onChange: (id: number | null, name: string) => void;
  /** initialName shows the chosen account's name before the first search answers. */
  initialName?: string;
  /** excludeChurned leaves churned accounts out of the choices. */
  excludeChurned?: boolean;
}

/** AccountSelect picks an account by typing part of its name or domain; the search runs on the server. */
export function AccountSelect({ value, onChange, initialName, excludeChurned, ...rest }: AccountSelectProps) {
  const [search, setSearch] = useState(initialName ?? '');
  const [q] = useDebouncedValue(search, 200);
  const [options, setOptions] = useState<{ value: string; label: string }[]>(value && initialName ? [{ value: String(value), label: initialName }] : []);

  // The chosen account's name when only its id is known (e.g. editing a referral).
  useEffect(() => {
    if (!value || options.some((o) => o.value === String(value))) return;
    let live = true;
    getAccount(value).then(
      (a) => {
        if (!live) return;
        setOptions((os) => [{ value: String(a.id), label: a.name }, ...os.filter((o) => o.value !== String(a.id))]);
        setSearch(a.name);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [value]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    let live = true;
    const chosen = options.find((o) => o.value === String(value));
    const term = chosen && chosen.label === q ? '' : q;
    listAccounts({ q: term.trim() || undefined, limit: 20, sort: 'name' }).then(
      (list) => {
        if (!live) return;
        const found = list.items.filter((a) => !excludeChurned || a.status !== 'churned').map((a) => ({ value: String(a.id), label: a.name }));
        const keep = chosen && !found.some((f) => f.value === chosen.value) ? [chosen] : [];
        setOptions([...keep, ...found]);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [q]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Select
      {...rest}
      searchable
      filter={({ options: opts }) => opts}
      data={options}
      value={value ? String(value) : null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v, opt) => onChange(v ? Number(v) : null, opt?.label ?? '')}
      nothingFoundMessage={rest.nothingFoundMessage}
    />
  );
}
