import type { Prim } from './prims.ts';

/** Renders prims (see prims.ts) as SVG elements: the canvas half of "draw once, show and export". */
export function PrimsView({ prims }: { prims: readonly Prim[] }) {
  return (
    <>
      {prims.map((p, i) => (
        <PrimElement key={i} p={p} />
      ))}
    </>
  );
}

function PrimElement({ p }: { p: Prim }) {
  switch (p.t) {
    case 'rect':
      return <rect x={p.x} y={p.y} width={p.w} height={p.h} fill={p.fill} stroke={p.stroke} strokeWidth={p.sw} />;
    case 'circle':
      return <circle cx={p.cx} cy={p.cy} r={p.r} fill={p.fill} stroke={p.stroke} strokeWidth={p.sw} strokeDasharray={p.dash} />;
    case 'ellipse':
      return <ellipse cx={p.cx} cy={p.cy} rx={p.rx} ry={p.ry} fill={p.fill} stroke={p.stroke} strokeWidth={p.sw} strokeDasharray={p.dash} />;
    case 'line':
      return <line x1={p.x1} y1={p.y1} x2={p.x2} y2={p.y2} stroke={p.stroke} strokeWidth={p.sw} strokeDasharray={p.dash} strokeLinecap={p.cap ?? 'butt'} />;
    case 'polygon':
      return <polygon points={p.points.map(([x, y]) => `${x},${y}`).join(' ')} fill={p.fill} stroke={p.stroke} strokeWidth={p.sw} />;
    case 'text':
      return (
        <text
          x={p.x}
          y={p.y}
          fontSize={p.size}
          fill={p.fill}
          textAnchor={p.anchor ?? 'middle'}
          dominantBaseline="central"
          fontWeight={p.weight}
          {...(p.halo ? { stroke: '#ffffff', strokeWidth: 4, strokeLinejoin: 'round' as const, paintOrder: 'stroke' } : {})}
        >
          {p.text}
        </text>
      );
  }
}
