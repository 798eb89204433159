import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { UsagePoint } from './usage-series';

const COLOURS = ['#1f5fbf', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490'];

// Loaded only when the usage page shows a chart: recharts is the largest library of the console.
export default function UsageChart({ points, lists }: { points: UsagePoint[]; lists: string[] }) {
  return (
    <ResponsiveContainer width="100%" height={300}>
      <BarChart data={points}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="period" />
        <YAxis />
        <Tooltip />
        <Legend />
        {lists.map((list, index) => (
          <Bar
            key={list}
            dataKey={list}
            stackId="credits"
            fill={COLOURS[index % COLOURS.length]}
            name={list}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
