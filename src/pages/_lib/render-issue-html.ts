import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { render, type CollectionEntry } from 'astro:content';
import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import { loadRenderers } from 'astro:container';
import Chart from '../../components/Chart.astro';
import Fig from '../../components/Fig.astro';

let container: Promise<AstroContainer> | undefined;

/** An issue's MDX body as HTML, rendered with the same <Fig> and <Chart> as its page. */
export async function renderIssueHtml(issue: CollectionEntry<'issues'>): Promise<string> {
  container ??= loadRenderers([getContainerRenderer()]).then((renderers) => AstroContainer.create({ renderers }));
  const { Content } = await render(issue);
  return (await container).renderToString(Content, { props: { components: { Fig, Chart } } });
}
