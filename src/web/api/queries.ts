import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Department, List, Me, User } from './types.ts';

export const keys = {
  me: ['me'] as const,
  departments: (q: object = {}) => ['departments', q] as const,
  users: (q: object = {}) => ['users', q] as const,
  audit: (q: object = {}) => ['audit', q] as const,
};

export const useMe = () => useQuery({ queryKey: keys.me, queryFn: () => api.get<Me>('/api/v1/me'), staleTime: 60_000 });

export interface DepartmentQuery {
  q?: string;
  includeDeleted?: boolean;
}

export const useDepartments = (q: DepartmentQuery = {}, enabled = true) =>
  useQuery({
    queryKey: keys.departments(q),
    queryFn: () => api.get<List<Department>>('/api/v1/departments', { ...q }),
    enabled,
  });

export interface UserQuery {
  q?: string;
  includeDeleted?: boolean;
  role?: string;
}

export const useUsers = (q: UserQuery = {}) =>
  useQuery({ queryKey: keys.users(q), queryFn: () => api.get<List<User>>('/api/v1/users', { ...q }) });
