import { useEffect, useState } from 'react';
import { DataTable, type DataTableProps } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';

/** PAGE_SIZES are the page sizes every server-paged list offers. */
export const PAGE_SIZES = [10, 25, 50, 100];

/** Paging is a list's page and page size. */
export interface Paging {
  page: number;
  pageSize: number;
  setPage: (page: number) => void;
  setPageSize: (size: number) => void;
  /** offset is the first row of the page, for the server's offset parameter. */
  offset: number;
}

/**
 * usePaging keeps a server-paged list's page and size; the page goes back
 * to 1 whenever the size or any of resetOn (search, filters, sort) changes.
 */
export function usePaging(initialSize: number, resetOn: readonly unknown[] = []): Paging {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialSize);
  useEffect(() => setPage(1), [pageSize, ...resetOn]);
  return { page, pageSize, setPage, setPageSize, offset: (page - 1) * pageSize };
}

/** PagedTableProps are a DataTable's own props without its paging ones. */
export type PagedTableProps<T> = Omit<
  DataTableProps<T>,
  'page' | 'onPageChange' | 'totalRecords' | 'recordsPerPage' | 'recordsPerPageOptions' | 'onRecordsPerPageChange' | 'recordsPerPageLabel' | 'paginationText'
> & {
  paging: Paging;
  /** total is how many rows the server has for the list's filters. */
  total: number;
  /** pageSizes overrides PAGE_SIZES. */
  pageSizes?: number[];
};

/** PagedTable is the look and the paging every server-paged list shares. */
export function PagedTable<T>({ paging, total, pageSizes = PAGE_SIZES, ...table }: PagedTableProps<T>) {
  const { t } = useTranslation();
  const props = {
    withTableBorder: true,
    borderRadius: 'md',
    striped: true,
    highlightOnHover: true,
    minHeight: 200,
    ...table,
    totalRecords: total,
    recordsPerPage: paging.pageSize,
    recordsPerPageOptions: pageSizes,
    onRecordsPerPageChange: paging.setPageSize,
    recordsPerPageLabel: t('table.perPage'),
    paginationText: ({ from, to, totalRecords }: { from: number; to: number; totalRecords: number }) => t('table.pagination', { from, to, total: totalRecords }),
    page: paging.page,
    onPageChange: paging.setPage,
  } as DataTableProps<T>;
  return <DataTable<T> {...props} />;
}
