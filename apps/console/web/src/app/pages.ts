import { lazy } from 'react';
import type { Capability } from './permissions';

// Every page but Home loads on demand, so the first page's JavaScript stays small.
export interface PageDefinition {
  path: string;
  title: string;
  needs?: Capability;
  component: ReturnType<typeof lazy>;
}

export const PAGES: PageDefinition[] = [
  { path: '/', title: 'Home', component: lazy(() => import('../features/home/home-page')) },
  {
    path: '/buy',
    title: 'Buy credits',
    needs: 'buy',
    component: lazy(() => import('../features/buy-credits/buy-credits-page')),
  },
  { path: '/credits', title: 'Credits', component: lazy(() => import('../features/credits/credits-page')) },
  { path: '/orders', title: 'Orders', component: lazy(() => import('../features/buy-credits/orders-page')) },
  {
    path: '/approvals',
    title: 'Approvals',
    needs: 'approve',
    component: lazy(() => import('../features/approvals/approvals-page')),
  },
  {
    path: '/cards',
    title: 'Cards',
    needs: 'manageCards',
    component: lazy(() => import('../features/cards/cards-page')),
  },
  {
    path: '/auto-top-up',
    title: 'Auto top-up',
    needs: 'manageAutoTopUp',
    component: lazy(() => import('../features/auto-top-up/auto-top-up-page')),
  },
  {
    path: '/subscriptions',
    title: 'Subscriptions',
    needs: 'buy',
    component: lazy(() => import('../features/subscriptions/subscriptions-page')),
  },
  {
    path: '/notifications',
    title: 'Notifications',
    component: lazy(() => import('../features/notifications/notifications-page')),
  },
  { path: '/usage', title: 'Usage', component: lazy(() => import('../features/usage/usage-page')) },
  {
    path: '/invoices',
    title: 'Invoices',
    component: lazy(() => import('../features/invoices/invoices-page')),
  },
  {
    path: '/team',
    title: 'Team',
    needs: 'manageTeam',
    component: lazy(() => import('../features/team/team-page')),
  },
  {
    path: '/operator',
    title: 'Operator',
    needs: 'operate',
    component: lazy(() => import('../features/operator/operator-page')),
  },
];
