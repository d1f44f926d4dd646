import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

type EChartsCore = typeof import('echarts/core');

let loading: Promise<EChartsCore> | null = null;

/**
 * ECharts, tree-shaken to what the dashboard draws (bar and line charts on a grid with tooltip and
 * legend, canvas), loaded with the first chart: the admin's first load does not carry it.
 */
function loadECharts(): Promise<EChartsCore> {
  loading ??= Promise.all([
    import('echarts/core'),
    import('echarts/charts'),
    import('echarts/components'),
    import('echarts/renderers'),
  ]).then(([core, charts, components, renderers]) => {
    core.use([
      charts.BarChart,
      charts.LineChart,
      components.GridComponent,
      components.TooltipComponent,
      components.LegendComponent,
      renderers.CanvasRenderer,
    ]);
    return core;
  });
  return loading;
}

export const EChart = ({
  option,
  height = 320,
  testId,
}: {
  option: EChartsCoreOption;
  height?: number;
  testId?: string;
}) => {
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let disposed = false;
    let chart: ReturnType<EChartsCore['init']> | null = null;
    const resize = () => chart?.resize();
    loadECharts().then((echarts) => {
      if (disposed || !element.current) return;
      chart = echarts.init(element.current);
      chart.setOption(option);
      element.current.dataset.rendered = 'true';
    });
    window.addEventListener('resize', resize);
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [option]);

  return <div ref={element} data-testid={testId} style={{ width: '100%', height }} />;
};
